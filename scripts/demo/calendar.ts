/**
 * UTC calendar helpers for the demo generator. Times are epoch milliseconds throughout; text is
 * made only when an event is written.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Midnight UTC of the day containing `ms`. */
export function startOfDayUtc(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The first instant of (year, month 1-12) in UTC; months outside 1-12 roll over. */
export function monthStartUtc(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1);
}

/** Year and month (1-12) of `ms` in UTC. */
export function yearMonthOf(ms: number): { year: number; month: number } {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(ms: number): number {
  return new Date(ms).getUTCDay();
}

/** `YYYY-MM`. */
export function monthLabel(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `YYYY-Qn` for a month 1-12. */
export function quarterLabel(year: number, month: number): string {
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** First month (1, 4, 7, 10) of the quarter containing `month`. */
export function quarterFirstMonth(month: number): number {
  return Math.floor((month - 1) / 3) * 3 + 1;
}

/** `YYYY-MM-DD` of `ms` in UTC (a date, as used by `hired_at`). */
export function dateLabel(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * RFC 3339 text of an instant, in UTC (`Z`) or at a fixed offset in minutes, whole seconds.
 *
 * @example
 * rfc3339(Date.UTC(2026, 10, 20, 1, 30), 480); // "2026-11-20T09:30:00+08:00"
 */
export function rfc3339(ms: number, offsetMinutes = 0): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  const local = new Date(seconds + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Iterate the months from (year, month) up to and including (endYear, endMonth). */
export function* monthsBetween(
  year: number,
  month: number,
  endYear: number,
  endMonth: number,
): Generator<{ year: number; month: number }> {
  let y = year;
  let m = month;
  while (y < endYear || (y === endYear && m <= endMonth)) {
    yield { year: y, month: m };
    m++;
    if (m === 13) {
      m = 1;
      y++;
    }
  }
}
