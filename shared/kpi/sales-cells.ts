/**
 * The sales side of the KPIs (kpis.md revenue .. repeat_customer_rate) as per-cell sums and
 * counts. Two producers give the same cells: `salesFactsFromEvents` here, over typed events in
 * memory (the reference), and the Worker's SQL engine over D1, for data too large to hold.
 */
import type { EventOf } from '../events/types.ts';
import { compareCodePoints } from '../json/exact-number.ts';
import type { PeriodLabels } from '../period.ts';
import { GRAINS, type DataQuality, type Grain, type Scope } from '../snapshot.ts';
import { resolveSales, type Sale, type TeamHistory } from './attribution.ts';

export interface SalesCell {
  scope: Scope;
  id: string | null;
  grain: Grain;
  period: string;
  revenue: bigint;
  refunds: bigint;
  saleCost: bigint;
  refundCost: bigint;
  /** A sale in the cell has no cost (margin unknown). */
  missingCost: boolean;
  orders: number;
  activeCustomers: number;
  /** Active customers with a sale (company-wide) before the period. */
  repeatCustomers: number;
  newCustomers: number;
}

export interface SalesFacts {
  cells: SalesCell[];
  /** Net revenue of region/segment slices: key JSON `[period, region|null, segment|null]`, month/quarter/year periods. */
  marketNet: Map<string, bigint>;
  orphanRefunds: (Omit<DataQuality['orphan_refunds'][number], 'amount'> & { amount: bigint })[];
  unattributedSales: DataQuality['unattributed_sales'];
}

/** The sliced markets a sale's net revenue counts toward: its region, its segment, and both. */
export function marketSlices(sale: Pick<Sale, 'region' | 'segment'>): [string | null, string | null][] {
  const slices: [string | null, string | null][] = [];
  if (sale.region !== null) slices.push([sale.region, null]);
  if (sale.segment !== null) slices.push([null, sale.segment]);
  if (sale.region !== null && sale.segment !== null) slices.push([sale.region, sale.segment]);
  return slices;
}

interface Working extends SalesCell {
  customers: Set<string>;
}

/** The reference producer: every sales cell from typed events. */
export function salesFactsFromEvents(
  closed: readonly EventOf<'sale.closed'>[],
  refunded: readonly EventOf<'sale.refunded'>[],
  history: TeamHistory,
  labelsOf: (ms: number) => PeriodLabels,
): SalesFacts {
  const sales = resolveSales(closed, history);
  const cells = new Map<string, Working>();
  const credit = (sale: Sale, ms: number, add: (c: Working) => void) => {
    const labels = labelsOf(ms);
    const scopes: [Scope, string | null][] = [['company', null], ['rep', sale.repId]];
    if (sale.teamId !== null) scopes.push(['team', sale.teamId]);
    for (const [scope, id] of scopes) {
      for (const grain of GRAINS) {
        // Keyed by the JSON of the parts: ids are any non-empty strings, so no separator is safe.
        const key = JSON.stringify([scope, id, grain, labels[grain]]);
        let c = cells.get(key);
        if (!c) {
          c = { scope, id, grain, period: labels[grain], revenue: 0n, refunds: 0n, saleCost: 0n, refundCost: 0n, missingCost: false, orders: 0, activeCustomers: 0, repeatCustomers: 0, newCustomers: 0, customers: new Set() };
          cells.set(key, c);
        }
        add(c);
      }
    }
  };

  // First sale ever per customer, company-wide: earliest occurred_at, ties to the smallest sale_id.
  const firstSale = new Map<string, Sale>();
  for (const sale of sales.values()) {
    const current = firstSale.get(sale.customerId);
    if (!current || sale.occurredMs < current.occurredMs || (sale.occurredMs === current.occurredMs && compareCodePoints(sale.saleId, current.saleId) < 0)) {
      firstSale.set(sale.customerId, sale);
    }
  }

  const marketNet = new Map<string, bigint>();
  const addMarket = (sale: Sale, ms: number, units: bigint) => {
    const labels = labelsOf(ms);
    for (const [region, segment] of marketSlices(sale)) {
      for (const grain of ['month', 'quarter', 'year'] as const) {
        const key = JSON.stringify([labels[grain], region, segment]);
        marketNet.set(key, (marketNet.get(key) ?? 0n) + units);
      }
    }
  };

  const unattributedSales: SalesFacts['unattributedSales'] = [];
  for (const sale of sales.values()) {
    if (sale.teamId === null) unattributedSales.push({ sale_id: sale.saleId, rep_id: sale.repId, occurred_at: sale.occurredAt });
    const isNew = firstSale.get(sale.customerId) === sale;
    credit(sale, sale.occurredMs, (c) => {
      c.revenue += sale.amountUnits;
      if (sale.costUnits === null) c.missingCost = true;
      else c.saleCost += sale.costUnits;
      c.orders += 1;
      c.customers.add(sale.customerId);
      if (isNew) c.newCustomers += 1;
    });
    addMarket(sale, sale.occurredMs, sale.amountUnits);
  }

  const orphanRefunds: SalesFacts['orphanRefunds'] = [];
  for (const refund of refunded) {
    const sale = sales.get(refund.data.sale_id);
    if (!sale) {
      orphanRefunds.push({ event_id: refund.id, sale_id: refund.data.sale_id, amount: refund.data.amount, occurred_at: refund.occurred_at });
      continue;
    }
    // A refund is credited like its sale, in the period of the refund's own occurred_at.
    credit(sale, refund.occurredMs, (c) => {
      c.refunds += refund.data.amount;
      c.refundCost += refund.data.cost ?? 0n;
    });
    addMarket(sale, refund.occurredMs, -refund.data.amount);
  }

  const result: SalesCell[] = [];
  for (const { customers, ...c } of cells.values()) {
    c.activeCustomers = customers.size;
    for (const customer of customers) if (labelsOf(firstSale.get(customer)!.occurredMs)[c.grain] < c.period) c.repeatCustomers += 1;
    result.push(c);
  }
  orphanRefunds.sort((a, b) => compareCodePoints(a.event_id, b.event_id));
  unattributedSales.sort((a, b) => compareCodePoints(a.sale_id, b.sale_id));
  return { cells: result, marketNet, orphanRefunds, unattributedSales };
}
