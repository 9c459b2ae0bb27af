/**
 * Market share (kpis.md `market_share`): net revenue over the latest `market.sized` amount for
 * exactly a period. The whole market (no region, no segment) gives the company rows' share;
 * region and segment markets compare the net revenue of the sales with that region/segment.
 */
import type { EventOf } from '../events/types.ts';
import type { MarketShareRow } from '../snapshot.ts';
import { isLater } from './attribution.ts';
import { compareCodePoints } from '../json/exact-number.ts';
import { ratio } from '../money.ts';

export type MarketShareRowUnits = Omit<MarketShareRow, 'market_size' | 'net_revenue'> & { market_size: bigint; net_revenue: bigint };

type MarketGrain = MarketShareRow['grain'];

function grainOfMarketPeriod(period: string): MarketGrain {
  return period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month';
}

/** The latest market.sized of each (period, region, segment). */
function latestMarketSizes(sized: readonly EventOf<'market.sized'>[]): EventOf<'market.sized'>[] {
  const latest = new Map<string, EventOf<'market.sized'>>();
  for (const e of sized) {
    const key = JSON.stringify([e.data.period, e.data.region ?? null, e.data.segment ?? null]);
    const current = latest.get(key);
    if (!current || isLater(e, current)) latest.set(key, e);
  }
  return [...latest.values()];
}

/** The whole market's sizes (naming neither region nor segment), by `grain|period`: what the company's market share divides by. */
export function wholeMarketSizes(sized: readonly EventOf<'market.sized'>[]): Map<string, bigint> {
  const whole = new Map<string, bigint>();
  for (const e of latestMarketSizes(sized)) {
    if (e.data.region === undefined && e.data.segment === undefined) whole.set(`${grainOfMarketPeriod(e.data.period)}|${e.data.period}`, e.data.amount);
  }
  return whole;
}

/**
 * The region and segment markets' share rows (kpis.md market slices), in period, region,
 * segment order.
 *
 * @param marketNet net revenue per region/segment slice: key JSON `[period, region, segment]`
 *   (see `SalesFacts.marketNet`)
 */
export function buildMarkets(
  sized: readonly EventOf<'market.sized'>[],
  marketNet: ReadonlyMap<string, bigint>,
): MarketShareRowUnits[] {
  const sliced = latestMarketSizes(sized).filter((e) => e.data.region !== undefined || e.data.segment !== undefined);
  if (sliced.length === 0) return [];

  const rows = sliced.map((e): MarketShareRowUnits => {
    const region = e.data.region ?? null;
    const segment = e.data.segment ?? null;
    const netRevenue = marketNet.get(JSON.stringify([e.data.period, region, segment])) ?? 0n;
    return {
      grain: grainOfMarketPeriod(e.data.period),
      period: e.data.period,
      region,
      segment,
      market_size: e.data.amount,
      net_revenue: netRevenue,
      share: e.data.amount === 0n ? null : ratio(netRevenue, e.data.amount),
    };
  });
  rows.sort(
    (a, b) =>
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
      compareCodePoints(a.region ?? '', b.region ?? '') ||
      compareCodePoints(a.segment ?? '', b.segment ?? ''),
  );
  return rows;
}
