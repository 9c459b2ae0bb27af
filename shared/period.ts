/**
 * Period labels and boundaries in the org's timezone (kpis.md): day `2026-11-20`, ISO week
 * `2026-W47`, month `2026-11`, quarter `2026-Q4`, year `2026`. Labels of one grain sort in time
 * order as plain strings.
 */
import type { Grain } from './snapshot.ts';

export interface PeriodLabels {
  day: string;
  week: string;
  month: string;
  quarter: string;
  year: string;
}

const DAY_MS = 86_400_000;
// Local dates change rarely: cache them per 15-minute UTC bucket. A bucket is cached only when
// its first and last millisecond fall on the same local day; a bucket that holds a local
// midnight (any bucket, for historical offsets such as Monrovia's -00:44:30) is computed per
// instant.
const BUCKET_MS = 900_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const dayCache = new Map<string, Map<number, string | null>>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, f);
  }
  return f;
}

function formatDay(instantMs: number, timezone: string): string {
  const parts = formatterFor(timezone).formatToParts(new Date(instantMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** True when `timezone` is an IANA zone name this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local calendar day (`YYYY-MM-DD`) of a UTC instant in `timezone`.
 * Throws RangeError for an unknown zone.
 */
export function localDay(instantMs: number, timezone: string): string {
  let cache = dayCache.get(timezone);
  if (!cache) {
    cache = new Map();
    dayCache.set(timezone, cache);
  }
  const bucket = Math.floor(instantMs / BUCKET_MS);
  let day = cache.get(bucket);
  if (day === undefined) {
    const first = formatDay(bucket * BUCKET_MS, timezone);
    day = first === formatDay((bucket + 1) * BUCKET_MS - 1, timezone) ? first : null;
    cache.set(bucket, day);
  }
  return day ?? formatDay(instantMs, timezone);
}

/**
 * The ISO 8601 week of a calendar date: weeks start Monday, week 1 holds the year's first
 * Thursday, and the label uses the ISO week-year (2017-01-01 is in `2016-W52`).
 */
export function isoWeekLabel(year: number, month: number, day: number): string {
  const date = Date.UTC(year, month - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = date + (3 - weekday) * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS));
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** Every grain's label for a local day label `YYYY-MM-DD`. */
export function labelsOfDay(dayLabel: string): PeriodLabels {
  const year = Number(dayLabel.slice(0, 4));
  const month = Number(dayLabel.slice(5, 7));
  const day = Number(dayLabel.slice(8, 10));
  return {
    day: dayLabel,
    week: isoWeekLabel(year, month, day),
    month: dayLabel.slice(0, 7),
    quarter: `${dayLabel.slice(0, 4)}-Q${Math.ceil(month / 3)}`,
    year: dayLabel.slice(0, 4),
  };
}

const memoLabels = new Map<string, PeriodLabels>();

/** Every grain's label of a UTC instant in `timezone`. */
export function periodLabels(instantMs: number, timezone: string): PeriodLabels {
  const day = localDay(instantMs, timezone);
  let labels = memoLabels.get(day);
  if (!labels) {
    labels = labelsOfDay(day);
    memoLabels.set(day, labels);
  }
  return labels;
}

const GRAIN_PATTERNS: Record<Grain, RegExp> = {
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
};

/**
 * The grain of a period label, or null when it is not a label at all. Checks the calendar too:
 * `2026-02-30` and `2025-W53` (2025 has 52 ISO weeks) are not labels.
 */
export function grainOfLabel(label: string): Grain | null {
  for (const grain of Object.keys(GRAIN_PATTERNS) as Grain[]) {
    if (!GRAIN_PATTERNS[grain].test(label)) continue;
    if (grain === 'day') {
      const d = new Date(`${label}T00:00:00Z`);
      return d.toISOString().slice(0, 10) === label ? grain : null;
    }
    if (grain === 'week') {
      const year = Number(label.slice(0, 4));
      return Number(label.slice(6)) <= isoWeeksInYear(year) ? grain : null;
    }
    return grain;
  }
  return null;
}

/** 52 or 53: the number of ISO weeks in an ISO week-year (Dec 28 is always in the last week). */
export function isoWeeksInYear(year: number): number {
  return Number(isoWeekLabel(year, 12, 28).slice(6));
}

/** The months (`YYYY-MM`) of a quarter label `YYYY-Qn`. */
export function monthsOfQuarter(quarter: string): string[] {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  return [1, 2, 3].map((i) => `${year}-${String((q - 1) * 3 + i).padStart(2, '0')}`);
}

/** The quarters (`YYYY-Qn`) of a year label. */
export function quartersOfYear(year: string): string[] {
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/** The months of a year label. */
export function monthsOfYear(year: string): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The day labels of a month, quarter or year, in order. */
export function daysOfPeriod(label: string): string[] {
  const year = Number(label.slice(0, 4));
  let firstMonth = 1;
  let months = 12;
  if (label.includes('-Q')) {
    firstMonth = (Number(label.slice(6)) - 1) * 3 + 1;
    months = 3;
  } else if (label.length === 7) {
    firstMonth = Number(label.slice(5, 7));
    months = 1;
  }
  const start = Date.UTC(year, firstMonth - 1, 1);
  const end = Date.UTC(year, firstMonth - 1 + months, 1);
  const days: string[] = [];
  for (let t = start; t < end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The same month, quarter or year one year earlier: `2026-11` → `2025-11`. */
export function sameLastYear(label: string): string {
  return `${String(Number(label.slice(0, 4)) - 1).padStart(4, '0')}${label.slice(4)}`;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset (ms, local − UTC) at an instant, to the second. */
export function utcOffsetMs(instantMs: number, timezone: string): number {
  let f = offsetFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timezone, f);
  }
  const second = Math.floor(instantMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(second))) if (p.type !== 'literal' && p.type !== 'era') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const year = parts.year!;
  // Date.UTC maps years 0-99 to 1900-1999; correct for them.
  const fixed = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return fixed - second;
}

/**
 * The zone's offset as segments covering [fromMs, toMs]: each `{ fromMs, offsetMs }` holds until
 * the next one. Found by probing every 6 hours and bisecting each change to the second, so SQL
 * can turn an instant into a local day with one lookup: `date((ms + offset) / 1000, 'unixepoch')`.
 */
export function offsetSegments(timezone: string, fromMs: number, toMs: number): { fromMs: number; offsetMs: number }[] {
  const STEP = 6 * 3_600_000;
  const start = Math.floor(fromMs / 1000) * 1000;
  const segments = [{ fromMs: start, offsetMs: utcOffsetMs(start, timezone) }];
  let previous = start;
  let previousOffset = segments[0]!.offsetMs;
  for (let t = start + STEP; ; t += STEP) {
    const probe = Math.min(t, toMs);
    const offset = utcOffsetMs(probe, timezone);
    if (offset !== previousOffset) {
      // The change lies in (previous, probe]: bisect to the first second with the new offset.
      let lo = previous;
      let hi = Math.floor(probe / 1000) * 1000;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (utcOffsetMs(mid, timezone) === previousOffset) lo = mid;
        else hi = mid;
      }
      segments.push({ fromMs: hi, offsetMs: utcOffsetMs(hi, timezone) });
      previousOffset = utcOffsetMs(hi, timezone);
      if (previousOffset !== offset) {
        // Two changes within one probe step: continue from the change just found.
        previous = hi;
        t = hi;
        continue;
      }
    }
    previous = probe;
    if (probe >= toMs) break;
  }
  return segments;
}


/** An appraisal period label: a year (`2026`) or a quarter (`2026-Q3`). */
export const APPRAISAL_PERIOD_PATTERN = /^\d{4}(-Q[1-4])?$/;

/** UTC ms of the Monday of an ISO week (Jan 4 is always in week 1). */
export function isoWeekMondayMs(weekYear: number, week: number): number {
  const jan4 = Date.UTC(weekYear, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS + (week - 1) * 7 * DAY_MS;
}

/**
 * The label `n` periods after `label` (before, when n < 0), of the same grain.
 *
 * @example shiftLabel('2026-Q4', 1) // '2027-Q1'
 * @example shiftLabel('2026-W01', -1) // '2025-W52'
 */
export function shiftLabel(label: string, n: number): string {
  const grain = grainOfLabel(label);
  if (grain === null || !Number.isInteger(n)) throw new Error(`cannot shift ${JSON.stringify(label)} by ${n}`);
  const year = Number(label.slice(0, 4));
  const pad2 = (x: number) => String(x).padStart(2, '0');
  switch (grain) {
    case 'year':
      return String(year + n);
    case 'quarter': {
      const index = year * 4 + Number(label.slice(6)) - 1 + n;
      return `${Math.floor(index / 4)}-Q${(((index % 4) + 4) % 4) + 1}`;
    }
    case 'month': {
      const index = year * 12 + Number(label.slice(5, 7)) - 1 + n;
      return `${Math.floor(index / 12)}-${pad2((((index % 12) + 12) % 12) + 1)}`;
    }
    case 'week': {
      const d = new Date(isoWeekMondayMs(year, Number(label.slice(6))) + n * 7 * DAY_MS);
      return isoWeekLabel(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
    case 'day': {
      const d = new Date(Date.UTC(year, Number(label.slice(5, 7)) - 1, Number(label.slice(8, 10))) + n * DAY_MS);
      return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    }
  }
}

/** Every label from `from` to `to` inclusive (same grain); empty when `from` is after `to`. */
export function labelRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to; p = shiftLabel(p, 1)) out.push(p);
  return out;
}
