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

/**
 * @param asOfDay the local day label of as_of, inside `input.period`
 * @param netOnDay the scope's net revenue (units) on a local day, 0 without activity
 */
export function pace(input: PacingInput, asOfDay: string, netOnDay: (day: string) => bigint): PacingRowUnits {
  const days = daysOfPeriod(input.period);
  const elapsed = days.indexOf(asOfDay) + 1;
  if (elapsed === 0) throw new RangeError(`${asOfDay} is not in ${input.period}`);
  const toDate = days.slice(0, elapsed).reduce((sum, day) => sum + netOnDay(day), 0n);

  // The expected share is kept as an exact fraction num / den, so money stays exact.
  const lastYearDays = daysOfPeriod(sameLastYear(input.period));
  const lastYearTotal = lastYearDays.reduce((sum, day) => sum + netOnDay(day), 0n);
  let method: PacingRow['method'] = 'elapsed_days';
  let num = BigInt(elapsed);
  let den = BigInt(days.length);
  if (lastYearTotal > 0n) {
    method = 'last_year_profile';
    const lastYearToDate = lastYearDays.slice(0, Math.min(elapsed, lastYearDays.length)).reduce((sum, day) => sum + netOnDay(day), 0n);
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
