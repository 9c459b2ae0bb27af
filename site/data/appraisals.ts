/**
 * The snapshot's appraisals, looked up for the appraisal pages: the periods (newest first), a
 * period by label, a rep's row in a period and in the other periods of the same grain, the
 * policy's band labels and plan names, and how a period's status and a component's figures read.
 * Pure; built once per snapshot.
 */
import { parsePolicy, type Policy } from '../../shared/policy/schema.ts';
import type { AppraisalComponent, AppraisalPeriod, AppraisalRow, Snapshot } from '../../shared/snapshot.ts';
import { formatCount, formatInstant, formatMoney, formatPercent, periodName } from './format.ts';
import { localDateOf } from './period.ts';
import { pathSegments } from './slug.ts';
import { windowAround } from './trend-window.ts';

interface AppraisalIndex {
  policy: Policy | null;
  /** Newest first: by end date, a year before the quarter that ends it. */
  newestFirst: AppraisalPeriod[];
  byPeriod: Map<string, AppraisalPeriod>;
  /** period → rep → row. */
  rows: Map<string, Map<string, AppraisalRow>>;
}

const indexes = new WeakMap<Snapshot, AppraisalIndex>();

function appraisalIndex(snapshot: Snapshot): AppraisalIndex {
  let index = indexes.get(snapshot);
  if (index) return index;
  const section = snapshot.appraisals;
  // Checked at the door (validate-appraisals.ts), so this does not throw.
  const policy = section.policy === null ? null : parsePolicy(section.policy);
  const byPeriod = new Map(section.periods.map((p) => [p.period, p]));
  const rows = new Map(section.periods.map((p) => [p.period, new Map(p.rows.map((r) => [r.rep_id, r]))]));
  // Rep ids go into URLs: stop the build if two would share a page.
  pathSegments([...new Set(section.periods.flatMap((p) => p.rows.map((r) => r.rep_id)))]);
  const newestFirst = [...section.periods].sort((a, b) => compareNewestFirst(a.period, b.period));
  index = { policy, newestFirst, byPeriod, rows };
  indexes.set(snapshot, index);
  return index;
}

/** The last month of a quarter or year label: `2026-Q3` → `2026-09`, `2026` → `2026-12`. */
function endMonth(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}-12`;
  return `${period.slice(0, 4)}-${String(Number(period.slice(6)) * 3).padStart(2, '0')}`;
}

/** Newest first by end; on the same end, the year before its last quarter. */
export function compareNewestFirst(a: string, b: string): number {
  const [ea, eb] = [endMonth(a), endMonth(b)];
  if (ea !== eb) return ea < eb ? 1 : -1;
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The policy in the snapshot (parsed), or null when it has none. */
export function appraisalPolicy(snapshot: Snapshot): Policy | null {
  return appraisalIndex(snapshot).policy;
}

/**
 * Every appraisal period, newest first.
 *
 * @example appraisalPeriods(fixture).map((p) => p.period) // ['2026', '2026-Q4', '2026-Q3']
 */
export function appraisalPeriods(snapshot: Snapshot): AppraisalPeriod[] {
  return [...appraisalIndex(snapshot).newestFirst];
}

/** The period with this label, or undefined. */
export function findAppraisalPeriod(snapshot: Snapshot, period: string): AppraisalPeriod | undefined {
  return appraisalIndex(snapshot).byPeriod.get(period);
}

/** A rep's row in a period, or undefined. */
export function findAppraisalRow(snapshot: Snapshot, period: string, repId: string): AppraisalRow | undefined {
  return appraisalIndex(snapshot).rows.get(period)?.get(repId);
}

/**
 * Every (period, rep) with a row: the rep appraisal pages, periods newest first, reps in the
 * snapshot's row order.
 *
 * @example appraisalRepPages(fixture)[0] // { period: '2026', repId: 'rep_ana' }
 */
export function appraisalRepPages(snapshot: Snapshot): { period: string; repId: string }[] {
  return appraisalIndex(snapshot).newestFirst.flatMap((p) => p.rows.map((r) => ({ period: p.period, repId: r.rep_id })));
}

/** A link from a rep's page to one of their appraisals. */
export interface RepAppraisalLink {
  period: string;
  name: string;
  band: string | null;
  score: number | null;
}

/**
 * A rep's appraisals, newest first (quarters and years), at most `limit`: what their rep page
 * links to.
 *
 * @example repAppraisalLinks(fixture, 'rep_ana', 2).map((l) => l.period) // ['2026', '2026-Q4']
 */
export function repAppraisalLinks(snapshot: Snapshot, repId: string, limit: number): RepAppraisalLink[] {
  const index = appraisalIndex(snapshot);
  const links: RepAppraisalLink[] = [];
  for (const p of index.newestFirst) {
    const row = index.rows.get(p.period)?.get(repId);
    if (!row) continue;
    links.push({ period: p.period, name: periodName(p.period), band: row.band, score: row.score });
    if (links.length === limit) break;
  }
  return links;
}

/**
 * A rep's rows in the periods of `period`'s grain around it, oldest first: the window of `limit`
 * periods `period` falls in, windows laid back from the rep's newest (trend-window.ts), so the
 * newest periods' pages show the most recent `limit` and all pages of a window the same chart.
 * The trend on their appraisal page.
 */
export function repTrend(snapshot: Snapshot, period: AppraisalPeriod, repId: string, limit: number): { period: AppraisalPeriod; row: AppraisalRow }[] {
  const index = appraisalIndex(snapshot);
  const all = [...index.newestFirst]
    .reverse()
    .filter((p) => p.grain === period.grain)
    .flatMap((p) => {
      const row = index.rows.get(p.period)?.get(repId);
      return row ? [{ period: p, row }] : [];
    });
  // A rep without a row in `period` (no page of theirs) gets the most recent ones.
  if (!all.some((e) => e.period.period === period.period)) return all.slice(-limit);
  return windowAround(all, (e) => e.period.period === period.period, limit);
}

/** A rating band as the pages show it. */
export interface BandInfo {
  band: string;
  /** The scheme's word for it (`Exceeds`); null when the policy no longer has the scheme. */
  label: string | null;
  /** The weighted score the band starts at; null when unknown. */
  minScore: number | null;
}

/**
 * The bands of a period's scheme, best first: the order the period's calibration holds (it was
 * frozen with the period), with labels from the policy when it still has the scheme; bands that
 * rows name but the calibration does not come last.
 */
export function periodBands(snapshot: Snapshot, period: AppraisalPeriod): BandInfo[] {
  const scheme = appraisalIndex(snapshot).policy?.schemes.find((s) => s.id === period.scheme);
  const order: string[] = [];
  const add = (band: string) => {
    if (!order.includes(band)) order.push(band);
  };
  const company = period.calibration.find((g) => g.team_id === null);
  for (const band of Object.keys(company?.bands ?? {})) add(band);
  if (order.length === 0) for (const b of scheme?.bands ?? []) add(b.band);
  for (const row of period.rows) if (row.band !== null) add(row.band);
  return order.map((band) => {
    const def = scheme?.bands.find((b) => b.band === band);
    return { band, label: def?.label ?? null, minScore: def?.min_score ?? null };
  });
}

/** `B · Meets`, or the band alone when its label is unknown. */
export function bandName(band: BandInfo): string {
  return band.label ? `${band.band} · ${band.label}` : band.band;
}

/**
 * The bands of a period's scheme in one line, for a chart's note.
 *
 * @example bandScale(fixture, q3) // 'S · Outstanding from 120, A · Exceeds from 105, ...'
 */
export function bandScale(snapshot: Snapshot, period: AppraisalPeriod): string {
  return periodBands(snapshot, period)
    .map((b) => `${bandName(b)}${b.minScore === null ? '' : ` from ${formatCount(b.minScore)}`}`)
    .join(', ');
}

/** A commission plan's name from the policy, else its id. */
export function planName(snapshot: Snapshot, planId: string): string {
  return appraisalIndex(snapshot).policy?.commission_plans.find((p) => p.id === planId)?.name ?? planId;
}

/** How a period's status reads: a short label and a sentence. */
export interface PeriodStatus {
  status: AppraisalPeriod['status'];
  /** `Provisional`, `Closed`, `Locked Oct 5, 2026`. */
  label: string;
  text: string;
}

/**
 * @example periodStatus(q3, 'America/New_York').label // 'Locked Oct 5, 2026'
 */
export function periodStatus(period: AppraisalPeriod, timezone: string): PeriodStatus {
  const name = periodName(period.period);
  switch (period.status) {
    case 'running':
      return {
        status: 'running',
        label: 'Provisional',
        text: `Provisional: ${name} is still running. Scores, bands and commission are to date and will change until it ends.`,
      };
    case 'closed':
      return {
        status: 'closed',
        label: 'Closed',
        text: `Closed: ${name} has ended. It is not locked, so later events (a late sale, a refund) can still change its figures.`,
      };
    case 'locked': {
      const at = period.locked_at!;
      const date = localDateOf(at, timezone);
      const day = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
      return {
        status: 'locked',
        label: `Locked ${periodName(day)}`,
        text:
          `Locked on ${formatInstant(at, timezone)}: these figures are frozen. ` +
          'Later events never rewrite them; a change to its commission is paid or recovered in the next open quarter as an adjustment.',
      };
    }
  }
}

/** A score as the pages show it: 2 decimals. @example formatScore(71.25) // '71.25' */
export function formatScore(score: number): string {
  return score.toFixed(2);
}

/** A plain decimal with at most 4 decimals, for formulas. @example plainNumber(0.6250) // '0.625' */
export function plainNumber(n: number): string {
  return String(Number(n.toFixed(4)));
}

const MONEY_METRICS = new Set(['net_revenue', 'revenue', 'profit', 'average_order_value']);
const RATIO_METRICS = new Set(['margin', 'attainment', 'repeat_customer_rate', 'csat_satisfied_rate', 'win_rate']);
const COUNT_METRICS = new Set(['orders', 'active_customers', 'new_customers', 'visits', 'complaints']);

/**
 * A component's actual or target in its metric's unit: money, a percentage, a count, a CSAT
 * mean, hours or days.
 *
 * @example formatMetric('net_revenue', 33500.25, 'USD') // '$33,500.25'
 * @example formatMetric('margin', 0.45, 'USD') // '45.0%'
 * @example formatMetric('csat', 3.875, 'USD') // '3.88'
 */
export function formatMetric(metric: AppraisalComponent['metric'], value: number, currency: string): string {
  if (MONEY_METRICS.has(metric)) return formatMoney(value, currency);
  if (RATIO_METRICS.has(metric)) return formatPercent(value);
  if (COUNT_METRICS.has(metric)) return formatCount(value);
  switch (metric) {
    case 'csat':
      return value.toFixed(2);
    case 'nps':
      return value.toFixed(0);
    case 'complaint_resolution_hours_median':
      return `${value.toFixed(1)} h`;
    case 'sales_cycle_days_median':
      return `${value.toFixed(1)} days`;
    default:
      return plainNumber(value);
  }
}

/** A component's status in words. */
export function componentStatusText(status: AppraisalComponent['status']): string {
  switch (status) {
    case 'scored':
      return 'Scored';
    case 'no_data':
      return 'Not scored: no data';
    case 'no_target':
      return 'Not scored: no target';
    case 'zero_target':
      return 'Not scored: target is 0';
  }
}
