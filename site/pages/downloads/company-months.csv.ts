/** Every company month row of the snapshot as CSV: the download behind the revenue table. */
import type { APIRoute } from 'astro';
import type { KpiRow } from '../../../shared/snapshot.ts';
import { toCsv } from '../../data/csv.ts';
import { companyRows } from '../../data/kpi-rows.ts';
import { loadSnapshot } from '../../data/load-snapshot.ts';

export const COLUMNS: readonly (keyof KpiRow)[] = [
  'period', 'revenue', 'refunds', 'net_revenue', 'cost', 'profit', 'margin', 'orders',
  'average_order_value', 'active_customers', 'new_customers', 'target_revenue', 'attainment',
  'repeat_customer_rate', 'csat', 'csat_satisfied_rate', 'nps', 'market_share', 'visits', 'complaints',
  'complaint_resolution_hours_median', 'win_rate', 'sales_cycle_days_median',
];

export const GET: APIRoute = async () => {
  const snapshot = await loadSnapshot();
  return new Response(toCsv(companyRows(snapshot, 'month'), COLUMNS), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
