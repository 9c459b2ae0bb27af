/**
 * Pacing: where a scope should be against its revenue target in a period still running, and
 * where it will end at its current pace.
 *
 * expected_fraction is, by default, the share of the period's days gone (today counted):
 * elapsed_days / total_days. When the scope earned positive net revenue in the same period last
 * year, its daily profile is used instead (seasonality): the share of last year's period net
 * revenue earned by the same day of the period. projected = to_date / expected_fraction.
 */
import { divideRoundHalfAway, ratio } from '../money.ts';
import { daysOfPeriod, sameLastYear } from '../period.ts';
import type { PacingRow, Scope } from '../snapshot.ts';

export interface PacingInput {
  scope: Scope;
  id: string | null;
  grain: 'month' | 'quarter' | 'year';
  period: string;
  targetUnits: bigint;
}

/** A PacingRow with money in units. */
export type PacingRowUnits = Omit<PacingRow, 'target_revenue' | 'net_revenue_to_date' | 'expected_to_date' | 'projected_net_revenue'> & {
  target_revenue: bigint;
  net_revenue_to_date: bigint;
  expected_to_date: bigint;
  projected_net_revenue: bigint | null;
};

/** The three sums of net revenue pacing takes (money units). */
export interface PaceSums {
  /** The period's days up to as_of's (today counted). */
  toDate: bigint;
  /** The same period last year, every day. */
  lastYearTotal: bigint;
  /** The same period last year, its first as many days as have gone this year. */
  lastYearToDate: bigint;
}

/**
 * The days each of {@link PaceSums} adds up, as [first, last] local day labels (inclusive): a
 * caller holding no day cells (the Worker's recompute) sums them in SQL.
 *
 * @example paceDays('2026-11', '2026-11-26') // { toDate: ['2026-11-01', '2026-11-26'], lastYearTotal: ['2025-11-01', '2025-11-30'], lastYearToDate: ['2025-11-01', '2025-11-26'] }
 */
export function paceDays(period: string, asOfDay: string): Record<keyof PaceSums, [string, string]> {
  const days = daysOfPeriod(period);
  const elapsed = days.indexOf(asOfDay) + 1;
  if (elapsed === 0) throw new RangeError(`${asOfDay} is not in ${period}`);
  const lastYearDays = daysOfPeriod(sameLastYear(period));
  return {
    toDate: [days[0]!, asOfDay],
    lastYearTotal: [lastYearDays[0]!, lastYearDays.at(-1)!],
    lastYearToDate: [lastYearDays[0]!, lastYearDays[Math.min(elapsed, lastYearDays.length) - 1]!],
  };
}

/**
 * @param asOfDay the local day label of as_of, inside `input.period`
 * @param netOnDay the scope's net revenue (units) on a local day, 0 without activity
 */
export function pace(input: PacingInput, asOfDay: string, netOnDay: (day: string) => bigint): PacingRowUnits {
  const days = daysOfPeriod(input.period);
  const elapsed = days.indexOf(asOfDay) + 1;
  if (elapsed === 0) throw new RangeError(`${asOfDay} is not in ${input.period}`);
  const lastYearDays = daysOfPeriod(sameLastYear(input.period));
  const sum = (list: readonly string[]) => list.reduce((total, day) => total + netOnDay(day), 0n);
  return paceFromSums(input, asOfDay, {
    toDate: sum(days.slice(0, elapsed)),
    lastYearTotal: sum(lastYearDays),
    lastYearToDate: sum(lastYearDays.slice(0, Math.min(elapsed, lastYearDays.length))),
  });
}

/** {@link pace} from its sums (see {@link paceDays} for the days each adds up). */
export function paceFromSums(input: PacingInput, asOfDay: string, sums: PaceSums): PacingRowUnits {
  const days = daysOfPeriod(input.period);
  const elapsed = days.indexOf(asOfDay) + 1;
  if (elapsed === 0) throw new RangeError(`${asOfDay} is not in ${input.period}`);
  const { toDate, lastYearTotal, lastYearToDate } = sums;

  // The expected share is kept as an exact fraction num / den, so money stays exact.
  let method: PacingRow['method'] = 'elapsed_days';
  let num = BigInt(elapsed);
  let den = BigInt(days.length);
  if (lastYearTotal > 0n) {
    method = 'last_year_profile';
    num = lastYearToDate < 0n ? 0n : lastYearToDate > lastYearTotal ? lastYearTotal : lastYearToDate;
    den = lastYearTotal;
  }
  const projected = num > 0n ? divideRoundHalfAway(toDate * den, num) : null;
  return {
    scope: input.scope,
    id: input.id,
    grain: input.grain,
    period: input.period,
    target_revenue: input.targetUnits,
    net_revenue_to_date: toDate,
    elapsed_days: elapsed,
    total_days: days.length,
    method,
    expected_fraction: ratio(num, den),
    expected_to_date: divideRoundHalfAway(input.targetUnits * num, den),
    projected_net_revenue: projected,
    projected_attainment: projected === null || input.targetUnits === 0n ? null : ratio(projected, input.targetUnits),
  };
}
