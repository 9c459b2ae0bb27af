/**
 * The appraisal index (`/appraisals/`) and a period's page (`/appraisals/<period>/`): the band
 * distribution, the calibration of each team against the company, every rep's score, band,
 * consequence and commission, the anonymous feedback aggregates, the lock status and audit, and
 * the payroll CSV's table. Pure.
 */
import { MIN_TEAM_FOR_FLAG } from '../../shared/appraisal/calibration.ts';
import type { AppraisalPeriod, AppraisalRow, CalibrationGroup, Consequence, Snapshot } from '../../shared/snapshot.ts';
import type { BandBar } from '../charts/band-bars.ts';
import {
  appraisalPeriods,
  bandName,
  findAppraisalPeriod,
  formatScore,
  periodBands,
  periodStatus,
  plainNumber,
  type BandInfo,
  type PeriodStatus,
} from './appraisals.ts';
import { formatCount, formatInstant, formatMoney, formatPercent, periodName } from './format.ts';
import { appraisalPeriodHref, appraisalRepHref, payrollHref, teamHref } from './links.ts';
import { repName, teamName } from './lookups.ts';
import { PAGE_MODELS_KEPT, memoPerSnapshot } from './memo.ts';
import { moneyText, sumMoney } from './money.ts';
import { teamIds } from './pages.ts';
import type { SummaryItem } from './summary-cards.ts';
import {
  countCell,
  decimalCell,
  missingCell,
  moneyCell,
  numberColumn,
  ratioCell,
  table,
  textCell,
  textColumn,
  type TableCell,
  type TableModel,
} from './table.ts';

/** The number of reps in a band, and their share of those rated. */
export interface BandCount extends BandInfo {
  reps: number;
  /** reps / rated; null when nobody was rated. */
  share: number | null;
}

export interface AppraisalPeriodPage {
  period: AppraisalPeriod;
  /** `Q3 2026`, `2026`. */
  name: string;
  status: PeriodStatus;
  summary: SummaryItem[];
  bands: BandCount[];
  /** The band distribution as the chart draws it. */
  bars: BandBar[];
  bandsTable: TableModel;
  calibration: TableModel;
  /** Teams whose ratings stand out from the company's, with the reason. */
  flagged: { name: string; reason: string }[];
  reps: TableModel;
  feedback: TableModel;
  /**
   * A year without feedback groups of its own: the quarters that have them. Feedback is
   * aggregated per quarter only (a year less its shown quarters could give a hidden group away).
   */
  feedbackQuarters: { name: string; href: string }[] | null;
  /** Feedback groups hidden for this period (too few responses), in all and by topic. */
  hidden: { groups: number; topics: { topic: string; groups: number }[] };
  minGroup: number;
  locks: TableModel;
  payrollHref: string;
}

/** @example buildAppraisalPeriodPage(fixture, '2026-Q3', '/').status.label // 'Locked Oct 5, 2026' */
export function buildAppraisalPeriodPage(snapshot: Snapshot, period: string, base: string): AppraisalPeriodPage {
  return buildOnce(snapshot, period, base);
}

const buildOnce = memoPerSnapshot(computePeriodPage, (period, base) => `${period}\u0000${base}`, { limit: PAGE_MODELS_KEPT });

function computePeriodPage(snapshot: Snapshot, label: string, base: string): AppraisalPeriodPage {
  const period = findAppraisalPeriod(snapshot, label);
  if (!period) throw new Error(`no appraisal period ${JSON.stringify(label)} in the snapshot`);
  const currency = snapshot.currency;
  const name = periodName(label);
  const rated = period.rows.filter((r) => r.score !== null);
  const bands = bandCounts(snapshot, period);
  const feedback = snapshot.appraisals.feedback;
  const hiddenHere = feedback.hidden.filter((h) => h.period === label);
  const money = (n: number) => formatMoney(n, currency);
  const total = (pick: (r: AppraisalRow) => number) => sumMoney(period.rows.map(pick));
  const payable = total((r) => r.commission.payable);
  const meanScore = period.calibration.find((g) => g.team_id === null)?.mean_score ?? null;
  const flagged = period.calibration
    .filter((g) => g.team_id !== null && g.flagged)
    .map((g) => ({ name: teamName(snapshot, g.team_id!), reason: g.reason ?? 'flagged by the calibration rule' }));

  return {
    period,
    name,
    status: periodStatus(period, snapshot.timezone),
    summary: [
      {
        key: 'rated',
        label: 'Reps rated',
        value: formatCount(rated.length),
        detail: rated.length === period.rows.length ? `Mean score ${meanScore === null ? '—' : formatScore(meanScore)}` : `of ${formatCount(period.rows.length)} appraised; mean score ${meanScore === null ? '—' : formatScore(meanScore)}`,
      },
      {
        key: 'promotion',
        label: 'Promotion candidates',
        value: formatCount(period.rows.filter((r) => r.consequence?.promotion_candidate).length),
        detail: null,
      },
      {
        key: 'improvement',
        label: 'Improvement plans',
        value: formatCount(period.rows.filter((r) => r.consequence?.improvement_plan).length),
        detail: null,
      },
      {
        key: 'payable',
        label: 'Commission payable',
        value: money(payable),
        detail: `Earned ${money(total((r) => r.commission.earned))}, clawed back ${money(total((r) => r.commission.clawback))}, adjusted ${formatMoney(total((r) => r.commission.adjustment), currency, { signed: true })}`,
      },
    ],
    bands,
    bars: bands.map((b) => ({ band: b.band, label: b.label, reps: b.reps })),
    bandsTable: table({
      id: 'bands',
      caption: `Reps per rating band, ${name}`,
      columns: [textColumn('band', 'Band'), numberColumn('min_score', 'From score'), numberColumn('reps', 'Reps'), numberColumn('share', 'Share of rated')],
      rows: bands.map((b) => [
        textCell(bandName(b), { csv: b.band }),
        b.minScore === null ? missingCell('Not in the current policy') : decimalCell(b.minScore, 0),
        countCell(b.reps),
        ratioCell(b.share, 'Nobody rated'),
      ]),
      rowHeader: 0,
      defaultSort: null,
      empty: 'The scheme has no bands.',
    }),
    calibration: calibrationTable(snapshot, period, bands, base),
    flagged,
    reps: repsTable(snapshot, period, base),
    feedback: table({
      id: 'feedback',
      caption: `Anonymous feedback, ${name}: groups of at least ${feedback.min_group} responses (scores 1 to 5)`,
      columns: [
        textColumn('group', 'Group'),
        textColumn('topic', 'Topic'),
        numberColumn('responses', 'Responses'),
        numberColumn('mean_score', 'Mean score'),
        numberColumn('favourable_rate', 'Favourable (4–5)'),
      ],
      rows: feedback.groups
        .filter((g) => g.period === label)
        .map((g) => [
          g.team_id === null ? textCell('Company', { csv: '' }) : textCell(teamName(snapshot, g.team_id), { csv: g.team_id }),
          textCell(g.topic),
          countCell(g.responses),
          decimalCell(g.mean_score, 2, 'No scored responses'),
          ratioCell(g.favourable_rate, 'No scored responses'),
        ]),
      rowHeader: 0,
      defaultSort: null,
      empty: `No group reached ${feedback.min_group} responses in ${name}.`,
    }),
    feedbackQuarters:
      period.grain === 'year' && !feedback.groups.some((g) => g.period === label) && hiddenHere.length === 0
        ? [1, 2, 3, 4]
            .map((q) => `${label}-Q${q}`)
            .filter((q) => findAppraisalPeriod(snapshot, q) !== undefined)
            .map((q) => ({ name: periodName(q), href: appraisalPeriodHref(base, q) }))
        : null,
    hidden: {
      groups: hiddenHere.reduce((sum, h) => sum + h.groups, 0),
      topics: hiddenHere.map((h) => ({ topic: h.topic, groups: h.groups })),
    },
    minGroup: feedback.min_group,
    locks: table({
      id: 'lock-audit',
      caption: `Locks and unlocks of ${name}, oldest first`,
      columns: [textColumn('at', 'When'), textColumn('action', 'Action'), textColumn('by', 'By'), textColumn('reason', 'Reason'), textColumn('snapshot_id', 'Snapshot')],
      rows: snapshot.appraisals.lock_audit
        .filter((e) => e.period === label)
        .map((e) => [
          { text: formatInstant(e.at, snapshot.timezone), sort: e.at, csv: e.at },
          textCell(e.action === 'lock' ? 'Locked' : 'Unlocked', { csv: e.action }),
          e.by === null ? missingCell('Not recorded') : textCell(e.by),
          e.reason === null ? missingCell('No reason given') : textCell(e.reason),
          e.snapshot_id === null ? missingCell('Not recorded') : textCell(e.snapshot_id),
        ]),
      rowHeader: 0,
      defaultSort: null,
      empty: `${name} has never been locked.`,
    }),
    payrollHref: payrollHref(base, label),
  };
}

/** Reps per band (counted from the rows), in the scheme's band order. */
export function bandCounts(snapshot: Snapshot, period: AppraisalPeriod): BandCount[] {
  const rated = period.rows.filter((r) => r.score !== null).length;
  return periodBands(snapshot, period).map((b) => {
    const reps = period.rows.filter((r) => r.band === b.band).length;
    return { ...b, reps, share: rated === 0 ? null : reps / rated };
  });
}

/** `S 0 · A 2 · B 0 · C 1 · D 0`: a period's distribution in one line. */
export function distributionText(bands: readonly BandCount[]): string {
  return bands.map((b) => `${b.band} ${formatCount(b.reps)}`).join(' · ');
}

/** A column key for a band: `band_` and its code in lower case (`band_a`). */
function bandKey(band: string, used: Set<string>): string {
  let key = `band_${band.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  for (let i = 2; used.has(key); i++) key = `band_${i}`;
  used.add(key);
  return key;
}

function calibrationTable(snapshot: Snapshot, period: AppraisalPeriod, bands: readonly BandInfo[], base: string): TableModel {
  const used = new Set<string>();
  const keys = bands.map((b) => bandKey(b.band, used));
  const known = new Set(teamIds(snapshot));
  const judged = (g: CalibrationGroup): TableCell => {
    if (g.team_id === null) return textCell('The reference');
    if (g.flagged) return { ...textCell(`Flagged: ${g.reason ?? 'by the calibration rule'}`), tone: 'warn' };
    if (g.rated < MIN_TEAM_FOR_FLAG) return textCell(`Not judged: fewer than ${MIN_TEAM_FOR_FLAG} reps rated`);
    return textCell('Within range');
  };
  return table({
    id: 'calibration',
    caption: `Calibration, ${periodName(period.period)}: each team's ratings against the company's`,
    columns: [
      textColumn('group', 'Group', { nowrap: true }),
      numberColumn('rated', 'Rated'),
      numberColumn('mean_score', 'Mean score'),
      ...bands.map((b, i) => numberColumn(keys[i]!, b.band)),
      textColumn('calibration', 'Calibration'),
    ],
    rows: period.calibration.map((g) => [
      g.team_id === null
        ? textCell('Company', { csv: '' })
        : textCell(teamName(snapshot, g.team_id), { csv: g.team_id, ...(known.has(g.team_id) ? { href: teamHref(base, g.team_id) } : {}) }),
      countCell(g.rated),
      decimalCell(g.mean_score, 2, 'Nobody rated'),
      ...bands.map((b) => countCell(g.bands[b.band] ?? 0)),
      judged(g),
    ]),
    rowHeader: 0,
    defaultSort: null,
    empty: 'No calibration for this period.',
  });
}

/** `1 of 2`: a rank among the team's rated reps. */
function rankCell(row: AppraisalRow, period: AppraisalPeriod): TableCell {
  if (row.rank_in_team === null) return missingCell(row.score === null ? 'Not rated' : 'No team');
  const of = period.rows.filter((r) => r.team_id === row.team_id && r.score !== null).length;
  return { text: `${formatCount(row.rank_in_team)} of ${formatCount(of)}`, sort: row.rank_in_team, csv: row.rank_in_team };
}

/** Every rep of the period: score, band, consequence, rank in team and commission; best score first. */
function repsTable(snapshot: Snapshot, period: AppraisalPeriod, base: string): TableModel {
  const currency = snapshot.currency;
  const known = new Set(teamIds(snapshot));
  const rows = [...period.rows].sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || (a.rep_id < b.rep_id ? -1 : 1));
  // Whole currency units, like every list table (the rep's page and the CSVs have the cents).
  const money = (n: number) => moneyCell(n, currency);
  return table({
    id: 'reps',
    caption: `Every rep appraised in ${periodName(period.period)}, best score first (${currency})`,
    columns: [
      textColumn('rep', 'Rep', { nowrap: true }),
      textColumn('team', 'Team'),
      numberColumn('score', 'Score'),
      textColumn('band', 'Band'),
      textColumn('consequence', 'Consequence'),
      numberColumn('rank_in_team', 'Rank in team'),
      numberColumn('earned', 'Earned'),
      numberColumn('clawback', 'Clawback'),
      numberColumn('adjustment', 'Adjustment'),
      numberColumn('payable', 'Payable'),
    ],
    rows: rows.map((row) => [
      textCell(repName(snapshot, row.rep_id), { href: appraisalRepHref(base, period.period, row.rep_id) }),
      row.team_id === null
        ? missingCell('No team')
        : textCell(teamName(snapshot, row.team_id), known.has(row.team_id) ? { href: teamHref(base, row.team_id) } : {}),
      row.score === null ? missingCell('Nothing could be scored') : { text: formatScore(row.score), sort: row.score, csv: row.score },
      row.band === null ? missingCell('Not rated') : textCell(row.band),
      row.consequence === null ? missingCell('Not rated') : textCell(consequenceText(row.consequence), { csv: row.consequence.summary }),
      rankCell(row, period),
      money(row.commission.earned),
      money(row.commission.clawback),
      { ...money(row.commission.adjustment), text: formatMoney(row.commission.adjustment, currency, { whole: true, signed: true }) },
      money(row.commission.payable),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'score', dir: 'desc' },
    empty: 'No rep was appraised in this period.',
  });
}

/**
 * What follows from a band, short (the band's label is in its own column): the CSV keeps the
 * scheme's full summary.
 *
 * @example consequenceText({ bonus_multiplier: 1.2, promotion_candidate: true, improvement_plan: false, ... }) // 'Bonus × 1.2, promotion candidate'
 */
export function consequenceText(c: Consequence): string {
  return [`Bonus × ${plainNumber(c.bonus_multiplier)}`, ...(c.promotion_candidate ? ['promotion candidate'] : []), ...(c.improvement_plan ? ['improvement plan'] : [])].join(', ');
}

/**
 * The payroll file of a period (`payroll.csv`): one line per rep with the band, what follows
 * from it and the commission, money exact to 4 decimals as in the snapshot (written from
 * integer units, never through a float's rendering).
 */
export function payrollTable(snapshot: Snapshot, label: string): TableModel {
  const period = findAppraisalPeriod(snapshot, label);
  if (!period) throw new Error(`no appraisal period ${JSON.stringify(label)} in the snapshot`);
  const exact = (n: number): TableCell => ({ text: moneyText(n), sort: n, csv: moneyText(n) });
  const orEmpty = (text: string | null | undefined): TableCell => (text == null ? { text: '', sort: null, csv: null } : textCell(text));
  return table({
    id: 'payroll',
    caption: `Payroll, ${periodName(label)} (${snapshot.currency})`,
    columns: [
      textColumn('rep_id', 'Rep id'),
      textColumn('rep_name', 'Rep'),
      textColumn('team_id', 'Team id'),
      textColumn('band', 'Band'),
      textColumn('consequence', 'Consequence'),
      numberColumn('bonus_multiplier', 'Bonus multiplier'),
      numberColumn('earned', 'Earned'),
      numberColumn('clawback', 'Clawback'),
      numberColumn('adjustment', 'Adjustment'),
      numberColumn('payable', 'Payable'),
    ],
    rows: period.rows.map((row) => [
      textCell(row.rep_id),
      textCell(repName(snapshot, row.rep_id)),
      orEmpty(row.team_id),
      orEmpty(row.band),
      orEmpty(row.consequence?.summary),
      row.consequence === null
        ? { text: '', sort: null, csv: null }
        : { text: String(row.consequence.bonus_multiplier), sort: row.consequence.bonus_multiplier, csv: row.consequence.bonus_multiplier },
      exact(row.commission.earned),
      exact(row.commission.clawback),
      exact(row.commission.adjustment),
      exact(row.commission.payable),
    ]),
    rowHeader: 1,
    defaultSort: { key: 'rep_id', dir: 'asc' },
    empty: 'No rep was appraised in this period.',
  });
}

/**
 * `/appraisals/`: every period, newest first, with its status, scheme, reps rated, band
 * distribution, total payable and payroll file.
 */
export function appraisalIndexTable(snapshot: Snapshot, base: string): TableModel {
  const currency = snapshot.currency;
  return table({
    id: 'periods',
    caption: `Every appraisal period, newest first (${currency})`,
    columns: [
      textColumn('period', 'Period'),
      textColumn('status', 'Status'),
      textColumn('scheme', 'Scheme'),
      numberColumn('rated', 'Reps rated'),
      textColumn('bands', 'Bands'),
      numberColumn('payable', 'Commission payable'),
      textColumn('payroll', 'Payroll'),
    ],
    rows: appraisalPeriods(snapshot).map((period) => {
      const status = periodStatus(period, snapshot.timezone);
      const rated = period.rows.filter((r) => r.score !== null).length;
      const href = payrollHref(base, period.period);
      return [
        { text: periodName(period.period), sort: period.period, csv: period.period, href: appraisalPeriodHref(base, period.period) },
        textCell(status.label, { csv: period.status }),
        textCell(period.scheme_name),
        { text: `${formatCount(rated)} of ${formatCount(period.rows.length)}`, sort: rated, csv: rated },
        textCell(distributionText(bandCounts(snapshot, period))),
        moneyCell(sumMoney(period.rows.map((r) => r.commission.payable)), currency, 'Not available', { cents: true }),
        textCell('payroll.csv', { href, csv: href }),
      ];
    }),
    rowHeader: 0,
    defaultSort: null,
    empty: 'No appraisal periods in this snapshot yet.',
  });
}

/** Percent of rated reps per band, for the chart's label. */
export function bandsLabel(name: string, bands: readonly BandCount[]): string {
  const parts = bands.map((b) => `${bandName(b)} ${formatCount(b.reps)}${b.share === null ? '' : ` (${formatPercent(b.share, { digits: 0 })})`}`);
  return `Bar chart of reps per rating band, ${name}: ${parts.join('; ')}.`;
}
