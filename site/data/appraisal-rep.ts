/**
 * A rep's appraisal page (`/appraisals/<period>/<rep>/`): the scorecard (each component's
 * figures, weight, score and the rule's explanation), the weighted score written out, the band
 * and what follows from it, the rank in the team, the commission statement with every line that
 * makes it, and the rep's scores in the recent periods of the same grain. Pure.
 */
import type { AppraisalComponent, AppraisalPeriod, AppraisalRow, CommissionStatement, Snapshot } from '../../shared/snapshot.ts';
import { renderScoreTrend, type ScorePoint } from '../charts/score-trend.ts';
import { relabel, sharedChart } from '../charts/shared.ts';
import {
  componentStatusText,
  findAppraisalPeriod,
  findAppraisalRow,
  formatMetric,
  formatScore,
  periodBands,
  periodStatus,
  plainNumber,
  planName,
  repTrend,
  type BandInfo,
  type PeriodStatus,
} from './appraisals.ts';
import { formatCount, formatMoney, formatPercent, periodName } from './format.ts';
import { appraisalRepHref, repHref, teamHref } from './links.ts';
import { repName, teamName } from './lookups.ts';
import { PAGE_MODELS_KEPT, memoPerSnapshot } from './memo.ts';
import { sumMoney } from './money.ts';
import { repIds, teamIds } from './pages.ts';
import type { SummaryItem } from './summary-cards.ts';
import {
  decimalCell,
  missingCell,
  moneyCell,
  numberColumn,
  periodCell,
  table,
  textCell,
  textColumn,
  type TableCell,
  type TableModel,
} from './table.ts';

/** How many periods of the same grain the trend shows, this one included. */
export const TREND_PERIODS = { quarter: 8, year: 5 } as const;
/** Periods in the trend chart's narrow version, for phones: a window of the wide one's. */
export const NARROW_TREND_PERIODS = 4;

/** Σ effective weight × score, written out. */
export interface ScoreFormula {
  /** `0.625 × 90 + 0.25 × 0 + 0.125 × 120`. */
  terms: string;
  /** The snapshot's weighted score. */
  score: number;
  /** True when the terms, as shown (weights rounded to 4 decimals), sum to the score to the hundredth. */
  exact: boolean;
}

export interface CommissionView {
  statement: CommissionStatement;
  /** The plan's name, or null without a plan. */
  plan: string | null;
  /** Quarter statements carry their lines; a year's is the sum of its quarters. */
  grain: AppraisalPeriod['grain'];
  /** The statement's figures as cards: target, base, attainment, earned, clawback, adjustment, payable. */
  figures: SummaryItem[];
  /** `Σ sales $40,500.00 − Σ refunds $500.00 = base $40,000.00`. */
  baseText: string;
  /** `Earned $760.01 − clawback $15.00 + adjustment $0.00 = payable $745.01`. */
  payableText: string;
  tiers: TableModel;
  /** The sales and the refunds of them that make the base. */
  lines: TableModel;
  clawbacks: TableModel;
  adjustments: TableModel;
  /** A year: its quarters' statements (linking to the rep's quarter pages). */
  quarters: TableModel | null;
}

export interface AppraisalRepPage {
  period: AppraisalPeriod;
  repId: string;
  name: string;
  /** `Q3 2026`. */
  periodName: string;
  status: PeriodStatus;
  /** The rep's team at the period's end (as of the snapshot while it runs). */
  team: { id: string; name: string; href: string | null } | null;
  /** The rep's KPI page, when the site has one. */
  repPageHref: string | null;
  row: AppraisalRow;
  band: BandInfo | null;
  summary: SummaryItem[];
  scorecard: TableModel;
  /** Components that were not scored, and why (the weights of the others were scaled up). */
  unscored: { label: string; status: string }[];
  formula: ScoreFormula | null;
  /** Reps rated in the rep's team (for `rank 1 of 2`). */
  teamRated: number;
  commission: CommissionView;
  /** The trend as chart points, a table, and one line of text (what prints). */
  trend: { points: ScorePoint[]; table: TableModel; text: string };
}

/** @example buildAppraisalRepPage(fixture, '2026-Q3', 'rep_cleo', '/').row.score // 71.25 */
export function buildAppraisalRepPage(snapshot: Snapshot, period: string, repId: string, base: string): AppraisalRepPage {
  return buildOnce(snapshot, period, repId, base);
}

const buildOnce = memoPerSnapshot(computeRepPage, (period, repId, base) => `${period}\u0000${repId}\u0000${base}`, { limit: PAGE_MODELS_KEPT });

function computeRepPage(snapshot: Snapshot, label: string, repId: string, base: string): AppraisalRepPage {
  const period = findAppraisalPeriod(snapshot, label);
  const row = findAppraisalRow(snapshot, label, repId);
  if (!period || !row) throw new Error(`no appraisal of ${JSON.stringify(repId)} in ${JSON.stringify(label)}`);
  const currency = snapshot.currency;
  const name = repName(snapshot, repId);
  const band = row.band === null ? null : (periodBands(snapshot, period).find((b) => b.band === row.band) ?? { band: row.band, label: null, minScore: null });
  const teamRated = row.team_id === null ? 0 : period.rows.filter((r) => r.team_id === row.team_id && r.score !== null).length;
  const c = row.consequence;
  const summary: SummaryItem[] = [
    {
      key: 'score',
      label: 'Weighted score',
      value: row.score === null ? '—' : formatScore(row.score),
      detail: row.score === null ? 'Nothing could be scored' : '100 = on target',
    },
    {
      key: 'band',
      label: 'Band',
      value: band === null ? '—' : band.band,
      detail: band === null ? 'Not rated' : [band.label, band.minScore === null ? null : `from ${formatCount(band.minScore)}`].filter(Boolean).join(', ') || null,
    },
    // What follows from the band (the scheme's consequence), one card each.
    { key: 'bonus', label: 'Bonus multiplier', value: c === null ? '—' : `× ${plainNumber(c.bonus_multiplier)}`, detail: c === null ? 'Not rated' : null },
    { key: 'promotion', label: 'Promotion candidate', value: c === null ? '—' : c.promotion_candidate ? 'Yes' : 'No', detail: c === null ? 'Not rated' : null },
    { key: 'improvement', label: 'Improvement plan', value: c === null ? '—' : c.improvement_plan ? 'Yes' : 'No', detail: c === null ? 'Not rated' : null },
    {
      key: 'rank',
      label: 'Rank in team',
      value: row.rank_in_team === null ? '—' : `${formatCount(row.rank_in_team)} of ${formatCount(teamRated)}`,
      detail: row.team_id === null ? 'No team' : row.rank_in_team === null ? 'Not rated' : teamName(snapshot, row.team_id),
    },
    {
      key: 'payable',
      label: 'Commission payable',
      value: formatMoney(row.commission.payable, currency),
      detail: period.grain === 'year' ? 'The sum of the quarters' : `Earned ${formatMoney(row.commission.earned, currency)}`,
    },
  ];
  const knownTeams = new Set(teamIds(snapshot));
  return {
    period,
    repId,
    name,
    periodName: periodName(label),
    status: periodStatus(period, snapshot.timezone),
    team:
      row.team_id === null
        ? null
        : { id: row.team_id, name: teamName(snapshot, row.team_id), href: knownTeams.has(row.team_id) ? teamHref(base, row.team_id) : null },
    repPageHref: repIds(snapshot).includes(repId) ? repHref(base, repId) : null,
    row,
    band,
    summary,
    scorecard: scorecardTable(row.components, currency, periodName(label)),
    unscored: row.components.filter((x) => x.status !== 'scored').map((x) => ({ label: x.label, status: componentStatusText(x.status) })),
    formula: scoreFormula(row),
    teamRated,
    commission: commissionView(snapshot, period, row, base),
    trend: trendOf(snapshot, period, repId, base),
  };
}

/** A fraction as a percentage with up to 2 decimals: `62.5%`, `27.27%`, `50%`. */
function weightText(weight: number): string {
  return `${Number((weight * 100).toFixed(2))}%`;
}

function scorecardTable(components: readonly AppraisalComponent[], currency: string, name: string): TableModel {
  const figure = (c: AppraisalComponent, value: number | null, missing: string): TableCell =>
    value === null ? missingCell(missing) : { text: formatMetric(c.metric, value, currency), sort: value, csv: value };
  return table({
    id: 'scorecard',
    caption: `Scorecard, ${name}: each KPI standard of the scheme`,
    columns: [
      textColumn('component', 'Standard', { nowrap: true }),
      numberColumn('actual', 'Actual'),
      numberColumn('target', 'Target'),
      numberColumn('weight', 'Weight'),
      numberColumn('effective_weight', 'Effective weight'),
      numberColumn('score', 'Score'),
      textColumn('status', 'Status'),
      textColumn('explanation', 'How it was scored'),
    ],
    rows: components.map((c) => [
      textCell(c.label, { csv: c.metric }),
      figure(c, c.actual, `No figure for ${name}`),
      figure(c, c.target, c.status === 'no_target' ? `No target for ${name}` : 'Scored against thresholds (see how it was scored)'),
      { text: weightText(c.weight), sort: c.weight, csv: c.weight },
      c.effective_weight === null ? missingCell('Not scored') : { text: weightText(c.effective_weight), sort: c.effective_weight, csv: c.effective_weight },
      c.score === null ? missingCell('Not scored') : { text: formatScore(c.score), sort: c.score, csv: c.score },
      textCell(componentStatusText(c.status), { csv: c.status }),
      textCell(c.explanation),
    ]),
    rowHeader: 0,
    defaultSort: null,
    empty: 'The scheme has no standards.',
  });
}

/**
 * The weighted score as a sum over the scored components. Effective weights are rounded to 4
 * decimals in the snapshot while the score uses each weight ÷ the scored weights' sum exactly,
 * so after renormalising (e.g. 0.15 / 0.55) the shown terms can miss the score by a hundredth:
 * `exact` says whether they meet it (products summed in integer millionths, then rounded).
 *
 * @example scoreFormula(cleoQ3).terms // '0.625 × 90 + 0.25 × 0 + 0.125 × 120'
 */
export function scoreFormula(row: AppraisalRow): ScoreFormula | null {
  if (row.score === null) return null;
  const scored = row.components.filter((c) => c.effective_weight !== null && c.score !== null);
  if (scored.length === 0) return null;
  const millionths = scored.reduce((sum, c) => sum + Math.round(c.effective_weight! * 10_000) * Math.round(c.score! * 100), 0);
  const hundredths = Math.round(millionths / 10_000);
  return {
    terms: scored.map((c) => `${plainNumber(c.effective_weight!)} × ${plainNumber(c.score!)}`).join(' + '),
    score: row.score,
    exact: hundredths === Math.round(row.score * 100),
  };
}

function tierRange(from: number, to: number | null): string {
  const pct = (x: number) => formatPercent(x, { digits: 0 });
  return to === null ? `${pct(from)} and up` : `${pct(from)}–${pct(to)}`;
}

function commissionView(snapshot: Snapshot, period: AppraisalPeriod, row: AppraisalRow, base: string): CommissionView {
  const s = row.commission;
  const currency = snapshot.currency;
  const money = (n: number) => formatMoney(n, currency);
  const cents = (n: number, missing = 'Not available') => moneyCell(n, currency, missing, { cents: true });
  const name = periodName(period.period);
  const salesTotal = sumMoney(s.sales.map((x) => x.amount));
  const refundsTotal = sumMoney(s.refunds.map((x) => x.amount));
  const lines = [
    ...s.sales.map((x) => ({ day: x.day, kind: 'Sale', sale: x.sale_id, event: null as string | null, amount: x.amount })),
    ...s.refunds.map((x) => ({ day: x.day, kind: 'Refund', sale: x.sale_id, event: x.event_id as string | null, amount: -x.amount })),
  ].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) || (a.kind < b.kind ? 1 : -1));
  const withoutTarget = s.tiers.length === 1 && s.tiers[0]!.to_attainment === null && s.target === null;
  return {
    statement: s,
    plan: s.plan === null ? null : planName(snapshot, s.plan),
    grain: period.grain,
    figures: [
      { key: 'target', label: 'Revenue target', value: s.target === null ? '—' : money(s.target), detail: s.target === null ? (period.grain === 'year' ? 'Targets are per quarter' : 'No target: the flat rate applies') : null },
      { key: 'base', label: 'Base', value: money(s.base), detail: period.grain === 'year' ? 'The quarters’ bases' : 'Sales less refunds of them' },
      { key: 'attainment', label: 'Attainment', value: s.attainment === null ? '—' : formatPercent(s.attainment), detail: s.attainment === null ? 'No target' : 'Base ÷ target' },
      { key: 'earned', label: 'Earned', value: money(s.earned), detail: null },
      { key: 'clawback', label: 'Clawback', value: money(s.clawback), detail: null },
      { key: 'adjustment', label: 'Adjustment', value: formatMoney(s.adjustment, currency, { signed: true }), detail: null },
      { key: 'payable', label: 'Payable', value: money(s.payable), detail: s.payable < 0 ? 'Recovered from later pay' : null },
    ],
    baseText:
      `${formatCount(s.sales.length)} ${s.sales.length === 1 ? 'sale' : 'sales'} ${money(salesTotal)}` +
      (s.refunds.length === 0 ? ', no refunds of them' : ` − ${formatCount(s.refunds.length)} ${s.refunds.length === 1 ? 'refund' : 'refunds'} of them ${money(refundsTotal)}`) +
      ` = base ${money(s.base)}`,
    payableText: `Earned ${money(s.earned)} − clawback ${money(s.clawback)} + adjustment ${money(s.adjustment)} = payable ${money(s.payable)}`,
    tiers: table({
      id: 'tiers',
      caption: withoutTarget ? `Commission, ${name}: no revenue target, so one flat rate on the base` : `Commission tiers, ${name}: each rate is paid on the part of the base between its attainments`,
      columns: [textColumn('attainment', 'Attainment'), numberColumn('rate', 'Rate'), numberColumn('base', 'Base in tier'), numberColumn('amount', 'Amount')],
      rows: s.tiers.map((t) => [
        { text: withoutTarget ? 'No target (flat rate)' : tierRange(t.from_attainment, t.to_attainment), sort: t.from_attainment, csv: withoutTarget ? '' : `${t.from_attainment}-${t.to_attainment ?? ''}` },
        { text: formatPercent(t.rate, { digits: 2 }), sort: t.rate, csv: t.rate },
        cents(t.base),
        cents(t.amount),
      ]),
      rowHeader: 0,
      defaultSort: null,
      empty: period.grain === 'year' ? 'A year has no tiers of its own: its commission is the sum of its quarters.' : 'No commission plan applies.',
    }),
    lines: table({
      id: 'base-lines',
      caption: `The sales credited in ${name} and the refunds of them made by its end, by day (${currency})`,
      columns: [textColumn('day', 'Day'), textColumn('kind', 'Line'), textColumn('sale_id', 'Sale'), textColumn('event_id', 'Refund event'), numberColumn('amount', 'Amount')],
      rows: lines.map((l) => [
        periodCell(l.day),
        textCell(l.kind, { csv: l.kind.toLowerCase() }),
        textCell(l.sale),
        l.event === null ? { text: '', sort: null, csv: null } : textCell(l.event),
        // A refund line is negative and says so; the cell is otherwise cents(amount)'s, formatted once.
        { text: formatMoney(l.amount, currency, { signed: l.amount < 0 }), sort: l.amount, csv: l.amount },
      ]),
      rowHeader: 0,
      defaultSort: { key: 'day', dir: 'asc' },
      empty: period.grain === 'year' ? 'The lines are in the quarters.' : `No sales credited in ${name}.`,
    }),
    clawbacks: table({
      id: 'clawbacks',
      caption: `Clawbacks: refunds in ${name} of sales credited in an earlier quarter, at that quarter's effective rate (${currency})`,
      columns: [
        textColumn('day', 'Refund day'),
        textColumn('sale_id', 'Sale'),
        textColumn('sale_period', 'Sale’s quarter'),
        numberColumn('amount', 'Refund'),
        numberColumn('rate', 'Rate'),
        numberColumn('clawback', 'Clawback'),
      ],
      rows: s.clawbacks.map((x) => [
        periodCell(x.day),
        textCell(x.sale_id),
        periodCell(x.sale_period),
        cents(x.amount),
        { text: formatPercent(x.rate, { digits: 2 }), sort: x.rate, csv: x.rate },
        cents(x.clawback),
      ]),
      rowHeader: 0,
      defaultSort: null,
      empty: period.grain === 'year' ? 'The lines are in the quarters.' : `No clawbacks in ${name}.`,
    }),
    adjustments: table({
      id: 'adjustments',
      caption: `Adjustments: changes to a locked quarter's commission, paid or recovered in ${name} (${currency})`,
      columns: [textColumn('from_period', 'From'), numberColumn('amount', 'Amount'), textColumn('reason', 'Reason')],
      rows: s.adjustments.map((x) => [
        periodCell(x.from_period),
        { ...cents(x.amount), text: formatMoney(x.amount, currency, { signed: true }) },
        textCell(x.reason),
      ]),
      rowHeader: 0,
      defaultSort: null,
      empty: period.grain === 'year' ? 'The lines are in the quarters.' : `No adjustments in ${name}.`,
    }),
    quarters: period.grain === 'year' ? quartersTable(snapshot, period, row.rep_id, base) : null,
  };
}

/** A year's quarters for the rep: the statements the year's commission sums. */
function quartersTable(snapshot: Snapshot, year: AppraisalPeriod, repId: string, base: string): TableModel {
  const currency = snapshot.currency;
  const cents = (n: number) => moneyCell(n, currency, 'Not available', { cents: true });
  const quarters = [1, 2, 3, 4].map((q) => `${year.period}-Q${q}`).flatMap((q) => {
    const row = findAppraisalRow(snapshot, q, repId);
    return row ? [{ period: findAppraisalPeriod(snapshot, q)!, row }] : [];
  });
  return table({
    id: 'quarters',
    caption: `${repName(snapshot, repId)}'s quarters of ${year.period}: the year's commission is their sum (${currency})`,
    columns: [
      textColumn('quarter', 'Quarter'),
      textColumn('status', 'Status'),
      numberColumn('earned', 'Earned'),
      numberColumn('clawback', 'Clawback'),
      numberColumn('adjustment', 'Adjustment'),
      numberColumn('payable', 'Payable'),
    ],
    rows: quarters.map(({ period, row }) => [
      periodCell(period.period, { href: appraisalRepHref(base, period.period, repId) }),
      textCell(periodStatus(period, snapshot.timezone).label, { csv: period.status }),
      cents(row.commission.earned),
      cents(row.commission.clawback),
      { ...cents(row.commission.adjustment), text: formatMoney(row.commission.adjustment, currency, { signed: true }) },
      cents(row.commission.payable),
    ]),
    rowHeader: 0,
    defaultSort: null,
    empty: `No quarter of ${year.period} in the snapshot.`,
  });
}

function trendOf(snapshot: Snapshot, period: AppraisalPeriod, repId: string, base: string): AppraisalRepPage['trend'] {
  return windowTrend(snapshot, repId, period.grain, repTrend(snapshot, period, repId, TREND_PERIODS[period.grain]), base);
}

// A window's trend (text, points, table) is the same on each of its pages (up to 8 quarters or 5
// years of one rep): built once per (snapshot, rep, window). The pages come period by period, so
// a rep's next page of the window is a few hundred pages later: all windows are kept (a few per rep).
const windowTrend = memoPerSnapshot(
  (snapshot: Snapshot, repId: string, grain: AppraisalPeriod['grain'], entries: readonly TrendEntry[], base: string) => trendOfEntries(snapshot, repId, grain, entries, base),
  (repId, grain, entries, base) => `${repId}\u0000${grain}\u0000${entries[0]?.period.period}\u0000${entries.at(-1)?.period.period}\u0000${entries.length}\u0000${base}`,
);

type TrendEntry = ReturnType<typeof repTrend>[number];

function trendOfEntries(snapshot: Snapshot, repId: string, grain: AppraisalPeriod['grain'], entries: readonly TrendEntry[], base: string): AppraisalRepPage['trend'] {
  const currency = snapshot.currency;
  return {
    text: entries
      .map(({ period: p, row }) => {
        const notes = [row.band, p.status === 'running' ? 'provisional' : null].filter(Boolean).join(', ');
        return `${periodName(p.period)} ${row.score === null ? 'not scored' : formatScore(row.score)}${notes ? ` (${notes})` : ''}`;
      })
      .join(' · '),
    points: entries.map(({ period: p, row }) => ({
      period: p.period,
      score: row.score,
      band: row.band,
      partial: p.status === 'running',
    })),
    table: table({
      id: 'trend',
      caption: `${repName(snapshot, repId)}'s recent ${grain === 'year' ? 'years' : 'quarters'}, newest first`,
      columns: [
        textColumn('period', 'Period'),
        numberColumn('score', 'Score'),
        textColumn('band', 'Band'),
        numberColumn('rank_in_team', 'Rank in team'),
        numberColumn('payable', 'Commission payable'),
      ],
      rows: [...entries].reverse().map(({ period: p, row }) => [
        periodCell(p.period, {
          href: appraisalRepHref(base, p.period, repId),
          text: `${periodName(p.period)}${p.status === 'running' ? ' (provisional)' : ''}`,
        }),
        row.score === null ? missingCell('Nothing could be scored') : decimalCell(row.score, 2),
        row.band === null ? missingCell('Not rated') : textCell(row.band),
        row.rank_in_team === null ? missingCell('Not ranked') : { text: formatCount(row.rank_in_team), sort: row.rank_in_team, csv: row.rank_in_team },
        moneyCell(row.commission.payable, currency, 'Not available', { cents: true }),
      ]),
      rowHeader: 0,
      defaultSort: { key: 'period', dir: 'desc' },
      empty: 'No periods.',
    }),
  };
}

/**
 * A rep's score trend chart of `points` (a window: repTrend), named `label` for screen readers;
 * `compact` for phones. Drawn once per build for every appraisal page of the window
 * (charts/shared.ts); the page highlights its own period with highlightClass on the wrapper.
 */
export function scoreTrendSvg(snapshot: Snapshot, repId: string, points: readonly ScorePoint[], label: string, compact: boolean): string {
  const svg = sharedChart(snapshot, `score-trend ${repId} ${points[0]?.period} ${points.length} ${compact}`, () => renderScoreTrend(points, label, { compact }));
  return relabel(svg, label);
}

/** The trend chart's label for screen readers. */
export function trendLabel(page: Pick<AppraisalRepPage, 'name' | 'trend'>): string {
  const known = page.trend.points.filter((p) => p.score !== null);
  const parts = known.map((p) => `${periodName(p.period)}${p.partial ? ' (provisional)' : ''} ${formatScore(p.score!)}${p.band ? ` ${p.band}` : ''}`);
  return `Bar chart of ${page.name}'s weighted score by period, with 100 (on target) as a line: ${parts.join('; ')}.`;
}
