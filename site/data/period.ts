/**
 * Period labels as the snapshot writes them (kpis.md): `2026`, `2026-Q4`, `2026-11`, ISO week
 * `2026-W47`, day `2026-11-20`. Pure: no clock, no env; the instant and the timezone are given.
 *
 * Which period an instant falls in comes from `shared/period.ts`, the same code the Worker
 * buckets events with; this module adds what pages need on top: previous and next periods,
 * ranges, and how far into a period a date is. Calendar arithmetic is done on UTC dates
 * standing for local calendar dates, so it never depends on the machine's timezone.
 */
import { grainOfLabel, isoWeekMondayMs, labelRange, labelsOfDay, localDay, shiftLabel } from '../../shared/period.ts';
import type { Grain } from '../../shared/snapshot.ts';

// The parts of a label (checked with grainOf first, which also checks the calendar).
const PATTERNS: Record<Grain, RegExp> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  week: /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/,
  day: /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};

const pad2 = (n: number): string => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;

/** A local calendar date. */
export interface LocalDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/**
 * The grain of a period label, or null when the string is not a period label.
 *
 * @example grainOf('2026-Q4') // 'quarter'
 */
export function grainOf(label: string): Grain | null {
  // Pages ask about the same few thousand labels over and over; the check is a handful of regular
  // expressions and a Date, so the answers are kept (bounded, in case of a stream of odd strings).
  let grain = grains.get(label);
  if (grain === undefined) {
    if (grains.size >= 100_000) grains.clear();
    grain = grainOfLabel(label);
    grains.set(label, grain);
  }
  return grain;
}

const grains = new Map<string, Grain | null>();

/** Throws `invalid period label: x` unless `label` is a period label (of `grain`, when given). */
export function assertPeriodLabel(label: string, grain?: Grain): Grain {
  const found = grainOf(label);
  if (found === null) throw new Error(`invalid period label: ${JSON.stringify(label)}`);
  if (grain !== undefined && found !== grain) {
    throw new Error(`invalid ${grain} label: ${JSON.stringify(label)} is a ${found}`);
  }
  return found;
}

/**
 * The calendar date of an instant in an IANA timezone.
 *
 * @example localDateOf('2026-12-01T03:30:00Z', 'America/New_York') // { year: 2026, month: 11, day: 30 }
 */
export function localDateOf(instant: string | Date, timezone: string): LocalDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new Error(`invalid instant: ${String(instant)}`);
  const day = localDay(ms, timezone);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

/**
 * The label of the period of `grain` that contains a local calendar date.
 *
 * @example periodOfDate({ year: 2027, month: 1, day: 1 }, 'week') // '2026-W53'
 */
export function periodOfDate(date: LocalDate, grain: Grain): string {
  return labelsOfDay(`${date.year}-${pad2(date.month)}-${pad2(date.day)}`)[grain];
}

/**
 * The "current" period of a grain: the one holding the local date of `asOf` in `timezone`.
 * This is how the site decides which month is "this month" for a snapshot.
 *
 * @example currentPeriod('2026-12-01T03:30:00Z', 'America/New_York', 'month') // '2026-11'
 */
export function currentPeriod(asOf: string | Date, timezone: string, grain: Grain): string {
  return periodOfDate(localDateOf(asOf, timezone), grain);
}

/**
 * The period just before `label`, of the same grain.
 *
 * @example previousPeriod('2026-01')  // '2025-12'
 * @example previousPeriod('2026-Q1')  // '2025-Q4'
 * @example previousPeriod('2026-W01') // '2025-W52'
 */
export function previousPeriod(label: string): string {
  return shiftPeriod(label, -1);
}

/** The period `n` periods after `label` (before, when `n` is negative), of the same grain. */
export function shiftPeriod(label: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`invalid shift: ${n}`);
  assertPeriodLabel(label);
  return shiftLabel(label, n);
}

/**
 * Every period label from `from` to `to` inclusive (same grain); empty when `from` is after `to`.
 *
 * @example periodRange('2026-11', '2027-01') // ['2026-11', '2026-12', '2027-01']
 */
export function periodRange(from: string, to: string): string[] {
  const grain = assertPeriodLabel(from);
  assertPeriodLabel(to, grain);
  return labelRange(from, to);
}

/**
 * Orders two labels of the same grain (labels sort chronologically as strings within a grain).
 */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Year and month of a month label. */
export function monthParts(label: string): { year: number; month: number } {
  assertPeriodLabel(label, 'month');
  return { year: Number(label.slice(0, 4)), month: Number(label.slice(5, 7)) };
}

/**
 * How far a local date is into a period: `day` is the 1-based day of the period holding the
 * date (clamped to 0 before the period and to `days` after it), `days` the period's length.
 * Used for pacing: by the end of day 61 of 92, 61/92 of a quarter has gone by.
 *
 * @example periodProgress({ year: 2026, month: 11, day: 30 }, '2026-Q4') // { day: 61, days: 92 }
 */
export function periodProgress(date: LocalDate, label: string): { day: number; days: number } {
  const { startMs, endMs } = periodBoundsMs(label);
  const days = Math.round((endMs - startMs) / DAY_MS);
  const dateMs = Date.UTC(date.year, date.month - 1, date.day);
  const day = Math.min(days, Math.max(0, Math.round((dateMs - startMs) / DAY_MS) + 1));
  return { day, days };
}

/**
 * The number of days in a period.
 *
 * @example periodDays('2026-02') // 28
 * @example periodDays('2028-02') // 29
 */
export function periodDays(label: string): number {
  const { startMs, endMs } = periodBoundsMs(label);
  return Math.round((endMs - startMs) / DAY_MS);
}

/**
 * The label of a day of a month.
 *
 * @example dayOfMonth('2026-10', 5) // '2026-10-05'
 */
export function dayOfMonth(month: string, day: number): string {
  const days = periodDays(assertMonth(month));
  if (!Number.isInteger(day) || day < 1 || day > days) throw new Error(`invalid day ${day} of ${month}`);
  return `${month}-${pad2(day)}`;
}

function assertMonth(label: string): string {
  assertPeriodLabel(label, 'month');
  return label;
}

/** First day (inclusive) and the day after the last, as UTC midnights standing for local dates. */
function periodBoundsMs(label: string): { startMs: number; endMs: number } {
  const grain = assertPeriodLabel(label);
  const m = PATTERNS[grain].exec(label)!;
  const year = Number(m[1]);
  switch (grain) {
    case 'year':
      return { startMs: Date.UTC(year, 0, 1), endMs: Date.UTC(year + 1, 0, 1) };
    case 'quarter': {
      const q = Number(m[2]) - 1;
      return { startMs: Date.UTC(year, q * 3, 1), endMs: Date.UTC(year, q * 3 + 3, 1) };
    }
    case 'month': {
      const month = Number(m[2]) - 1;
      return { startMs: Date.UTC(year, month, 1), endMs: Date.UTC(year, month + 1, 1) };
    }
    case 'week': {
      const startMs = isoWeekMondayMs(year, Number(m[2]));
      return { startMs, endMs: startMs + 7 * DAY_MS };
    }
    case 'day': {
      const startMs = Date.UTC(year, Number(m[2]) - 1, Number(m[3]));
      return { startMs, endMs: startMs + DAY_MS };
    }
  }
}

/**
 * The day labels of a period of any grain, in order.
 *
 * @example periodDayLabels('2026-W49') // ['2026-11-30', '2026-12-01', ..., '2026-12-06']
 */
export function periodDayLabels(label: string): readonly string[] {
  // Asked for the same weeks and months page after page (week targets, trends, tables of every
  // team week): kept, and frozen since they are shared.
  let days = dayLabels.get(label);
  if (days === undefined) {
    const { startMs, endMs } = periodBoundsMs(label);
    const list: string[] = [];
    for (let t = startMs; t < endMs; t += DAY_MS) {
      const d = new Date(t);
      list.push(`${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`);
    }
    days = Object.freeze(list);
    if (dayLabels.size >= 10_000) dayLabels.clear();
    dayLabels.set(label, days);
  }
  return days;
}

const dayLabels = new Map<string, readonly string[]>();

/**
 * The same period one year earlier; for a week, the week of the same number in the previous
 * ISO week-year, or null when that year has no such week (week 53).
 *
 * @example sameLastYear('2026-11')  // '2025-11'
 * @example sameLastYear('2026-W48') // '2025-W48'
 * @example sameLastYear('2026-W53') // null (2025 has 52 weeks)
 */
export function sameLastYear(label: string): string | null {
  const grain = assertPeriodLabel(label);
  const year = Number(label.slice(0, 4));
  switch (grain) {
    case 'week': {
      const week = Number(label.slice(6));
      const candidate = `${year - 1}-W${pad2(week)}`;
      return grainOf(candidate) === 'week' ? candidate : null;
    }
    case 'day': {
      const candidate = `${year - 1}${label.slice(4)}`;
      return grainOf(candidate) === 'day' ? candidate : null;
    }
    default:
      return `${year - 1}${label.slice(4)}`;
  }
}

/** The label of the month holding a day label. */
export function monthOfDay(day: string): string {
  assertPeriodLabel(day, 'day');
  return day.slice(0, 7);
}
