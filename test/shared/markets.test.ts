import { describe, expect, it } from 'vitest';
import { buildKpis, type KpiResult, type KpiRowUnits } from '../../shared/kpi/build-kpis.ts';
import type { MarketShareRowUnits } from '../../shared/kpi/markets.ts';
import type { Grain, Scope } from '../../shared/snapshot.ts';
import { typed } from '../support/typed-events.ts';

// Frozen clock: every build uses this as-of unless a test says otherwise.
const AS_OF_MS = Date.parse('2026-06-30T00:00:00Z');

type Raw = Record<string, unknown>;

function build(raws: readonly Raw[], timezone = 'UTC'): KpiResult {
  return buildKpis(typed(raws), { timezone, asOfMs: AS_OF_MS });
}

function getRow(result: KpiResult, scope: Scope, id: string | null, grain: Grain, period: string): KpiRowUnits {
  const row = result.kpis.find((r) => r.scope === scope && r.id === id && r.grain === grain && r.period === period);
  if (!row) throw new Error(`no row for ${scope} ${id} ${grain} ${period}`);
  return row;
}

function getMarket(result: KpiResult, period: string, region: string | null, segment: string | null): MarketShareRowUnits {
  const rows = result.markets.filter((m) => m.period === period && m.region === region && m.segment === segment);
  if (rows.length !== 1) throw new Error(`${rows.length} market rows for ${period} ${region} ${segment}`);
  return rows[0]!;
}

function makeSale({ at, sale_id, rep_id = 'r-ana', amount, region, segment }: { at: string; sale_id: string; rep_id?: string; amount: unknown; region?: string; segment?: string }): Raw {
  return { id: `evt-sale-${sale_id}`, type: 'sale.closed', occurred_at: at, data: { sale_id, rep_id, customer_id: `cust-${sale_id}`, amount, region, segment } };
}

function makeRefund({ at, sale_id, amount }: { at: string; sale_id: string; amount: unknown }): Raw {
  return { id: `evt-refund-${sale_id}`, type: 'sale.refunded', occurred_at: at, data: { sale_id, amount } };
}

function makeRep({ rep_id, team_id }: { rep_id: string; team_id: string }): Raw {
  return { id: `evt-rep-${rep_id}`, type: 'rep.upserted', occurred_at: '2025-12-01T00:00:00Z', data: { rep_id, name: rep_id, team_id } };
}

function makeMarket({ id, at = '2026-01-01T00:00:00Z', period, amount, region, segment }: { id: string; at?: string; period: string; amount: unknown; region?: string; segment?: string }): Raw {
  return { id, type: 'market.sized', occurred_at: at, data: { period, amount, region, segment } };
}

// Sales (units: 1 currency = 10000):
//   m1 r-ana 1000 north/smb 2026-01-10, refunded 200 on 2026-02-15
//   m2 r-ben 3000 south/smb 2026-01-20
//   m3 r-ana  500 north/-   2026-02-05
//   m4 r-ana  500 -/-       2026-02-06
// Company net revenue: Jan 4000; Feb 500 + 500 - 200 = 800; Q1 and 2026 4800.
const SALES: Raw[] = [
  makeRep({ rep_id: 'r-ana', team_id: 't-east' }),
  makeRep({ rep_id: 'r-ben', team_id: 't-west' }),
  makeSale({ sale_id: 'm1', at: '2026-01-10T10:00:00Z', amount: 1000, region: 'north', segment: 'smb' }),
  makeSale({ sale_id: 'm2', at: '2026-01-20T10:00:00Z', rep_id: 'r-ben', amount: '3000', region: 'south', segment: 'smb' }),
  makeSale({ sale_id: 'm3', at: '2026-02-05T10:00:00Z', amount: 500, region: 'north' }),
  makeSale({ sale_id: 'm4', at: '2026-02-06T10:00:00Z', amount: 500 }),
  makeRefund({ sale_id: 'm1', at: '2026-02-15T10:00:00Z', amount: 200 }),
];

const MARKETS: Raw[] = [
  // Whole market. 2026-01: the later version (listed first) wins.
  makeMarket({ id: 'mk-01-b', at: '2026-03-01T00:00:00Z', period: '2026-01', amount: 20000 }),
  makeMarket({ id: 'mk-01-a', at: '2026-02-01T00:00:00Z', period: '2026-01', amount: 40000 }),
  // 2026-Q1: a tie on occurred_at; the greater event id wins ('mk-q1-9' > 'mk-q1-10').
  makeMarket({ id: 'mk-q1-9', at: '2026-04-01T00:00:00Z', period: '2026-Q1', amount: 96000 }),
  makeMarket({ id: 'mk-q1-10', at: '2026-04-01T00:00:00Z', period: '2026-Q1', amount: 48000 }),
  // 2026: sized 0.
  makeMarket({ id: 'mk-2026', period: '2026', amount: 0 }),
  // Region and segment markets.
  makeMarket({ id: 'mk-n-01-old', at: '2026-01-15T00:00:00Z', period: '2026-01', amount: 99999, region: 'north' }),
  makeMarket({ id: 'mk-n-01', at: '2026-02-15T00:00:00Z', period: '2026-01', amount: 10000, region: 'north' }),
  makeMarket({ id: 'mk-n-02', period: '2026-02', amount: 4000, region: 'north' }),
  makeMarket({ id: 'mk-smb-01', period: '2026-01', amount: '8000', segment: 'smb' }),
  makeMarket({ id: 'mk-s-smb-q1', period: '2026-Q1', amount: 30000, region: 'south', segment: 'smb' }),
  makeMarket({ id: 'mk-n-smb-q1', period: '2026-Q1', amount: 8000, region: 'north', segment: 'smb' }),
  makeMarket({ id: 'mk-n-2026', period: '2026', amount: 0, region: 'north' }),
  makeMarket({ id: 'mk-e-03', period: '2026-03', amount: 5000, region: 'east' }),
];

describe('buildKpis: market share', () => {
  const result = build([...SALES, ...MARKETS]);

  describe('market_share of the company rows', () => {
    it('divides company net revenue by the latest whole-market size of the month', () => {
      // 4000 / 20000 (the later of 40000 and 20000)
      expect(getRow(result, 'company', null, 'month', '2026-01')).toMatchObject({ net_revenue: 40000000n, market_share: 0.2 });
    });

    it('breaks a tie on occurred_at by the greater event id', () => {
      // 4800 / 96000
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1')).toMatchObject({ net_revenue: 48000000n, market_share: 0.05 });
    });

    it('is null without a whole-market figure for exactly that period, even when a region market exists', () => {
      expect(getRow(result, 'company', null, 'month', '2026-02')).toMatchObject({ net_revenue: 8000000n, market_share: null });
    });

    it('is null when the market is sized 0', () => {
      expect(getRow(result, 'company', null, 'year', '2026')).toMatchObject({ net_revenue: 48000000n, market_share: null });
    });

    it('is null at week and day grain', () => {
      expect(getRow(result, 'company', null, 'week', '2026-W02').market_share).toBeNull();
      expect(getRow(result, 'company', null, 'day', '2026-01-10').market_share).toBeNull();
    });

    it('is null for team and rep rows', () => {
      expect(getRow(result, 'team', 't-east', 'month', '2026-01').market_share).toBeNull();
      expect(getRow(result, 'team', 't-west', 'month', '2026-01').market_share).toBeNull();
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-01').market_share).toBeNull();
      expect(getRow(result, 'rep', 'r-ben', 'quarter', '2026-Q1').market_share).toBeNull();
    });

    it('is null for every company row when no market is sized', () => {
      const plain = build(SALES);
      expect(plain.kpis.filter((r) => r.market_share !== null)).toEqual([]);
      expect(plain.markets).toEqual([]);
    });
  });

  describe('result.markets', () => {
    it('lists every region/segment market and no whole market', () => {
      expect(result.markets).toHaveLength(7);
      expect(result.markets.filter((m) => m.region === null && m.segment === null)).toEqual([]);
    });

    it('compares the net revenue of the sales of a region, the latest size winning', () => {
      expect(getMarket(result, '2026-01', 'north', null)).toEqual({
        grain: 'month',
        period: '2026-01',
        region: 'north',
        segment: null,
        market_size: 100000000n,
        net_revenue: 10000000n,
        share: 0.1,
      });
    });

    it('subtracts a refund in the refund’s period, not the sale’s', () => {
      // Feb north: m3 500 - refund of m1 200 = 300, over 4000
      expect(getMarket(result, '2026-02', 'north', null)).toMatchObject({ market_size: 40000000n, net_revenue: 3000000n, share: 0.075 });
    });

    it('compares a segment market with the sales of that segment in every region', () => {
      // Jan smb: m1 1000 + m2 3000 = 4000, over 8000
      expect(getMarket(result, '2026-01', null, 'smb')).toMatchObject({ grain: 'month', market_size: 80000000n, net_revenue: 40000000n, share: 0.5 });
    });

    it('compares a region-and-segment market with the sales that have both', () => {
      // Q1 south/smb: m2 3000 over 30000
      expect(getMarket(result, '2026-Q1', 'south', 'smb')).toMatchObject({ grain: 'quarter', market_size: 300000000n, net_revenue: 30000000n, share: 0.1 });
      // Q1 north/smb: m1 1000 - 200; m3 (north, no segment) left out -> 800 over 8000
      expect(getMarket(result, '2026-Q1', 'north', 'smb')).toMatchObject({ grain: 'quarter', market_size: 80000000n, net_revenue: 8000000n, share: 0.1 });
    });

    it('gives share null for a market sized 0, keeping its net revenue', () => {
      // 2026 north: 1000 + 500 - 200 = 1300
      expect(getMarket(result, '2026', 'north', null)).toEqual({
        grain: 'year',
        period: '2026',
        region: 'north',
        segment: null,
        market_size: 0n,
        net_revenue: 13000000n,
        share: null,
      });
    });

    it('gives share 0 for a market without sales', () => {
      expect(getMarket(result, '2026-03', 'east', null)).toMatchObject({ grain: 'month', market_size: 50000000n, net_revenue: 0n, share: 0 });
    });

    it('gives the same markets and shares whatever the arrival order', () => {
      const reversed = build([...MARKETS, ...SALES].reverse());
      expect(reversed.markets).toEqual(result.markets);
      expect(reversed.kpis).toEqual(result.kpis);
    });
  });

  describe('periods in the org timezone', () => {
    // 2026-01-31T20:00Z is 2026-02-01 04:00 in Shanghai.
    const events = [
      makeSale({ sale_id: 'tz1', at: '2026-01-31T20:00:00Z', amount: 100, region: 'north' }),
      makeMarket({ id: 'mk-tz-whole-02', period: '2026-02', amount: 1000 }),
      makeMarket({ id: 'mk-tz-north-01', period: '2026-01', amount: 1000, region: 'north' }),
      makeMarket({ id: 'mk-tz-north-02', period: '2026-02', amount: 1000, region: 'north' }),
    ];

    it('puts a sale into the market period of its local day', () => {
      const utc = build(events, 'UTC');
      expect(getMarket(utc, '2026-01', 'north', null).net_revenue).toBe(1000000n);
      expect(getMarket(utc, '2026-02', 'north', null).net_revenue).toBe(0n);
      const shanghai = build(events, 'Asia/Shanghai');
      expect(getMarket(shanghai, '2026-01', 'north', null).net_revenue).toBe(0n);
      expect(getMarket(shanghai, '2026-02', 'north', null)).toMatchObject({ net_revenue: 1000000n, share: 0.1 });
      expect(getRow(shanghai, 'company', null, 'month', '2026-02').market_share).toBe(0.1);
    });
  });
});
