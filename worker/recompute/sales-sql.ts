/**
 * The SQL producer of the sales side of the KPIs (see shared/kpi/sales-cells.ts for the
 * reference producer it must agree with): resolves sales in D1 — amendments, team at the sale's
 * time, local day and ISO week in ORG_TIMEZONE, first sale per customer — then aggregates every
 * (scope, grain, period) cell with GROUP BY, so no event is held in the Worker's memory.
 */
import type { TeamHistory } from '../../shared/kpi/attribution.ts';
import type { SalesCell, SalesFacts } from '../../shared/kpi/sales-cells.ts';
import { offsetSegments } from '../../shared/period.ts';
import { GRAINS, type Grain, type Scope } from '../../shared/snapshot.ts';

/** The local day (YYYY-MM-DD) of an epoch-ms column, through the zone's offset segments. */
const dayOf = (ms: string) =>
  `date((${ms} + (SELECT z.offset_ms FROM w_zone z WHERE z.from_ms <= ${ms} ORDER BY z.from_ms DESC LIMIT 1)) / 1000.0, 'unixepoch')`;

/** The ISO week label of a day column: the week-year and number of the week's Thursday. */
const weekOf = (day: string) => {
  const thursday = `date(${day}, '-3 days', 'weekday 4')`;
  return `strftime('%Y', ${thursday}) || '-W' || printf('%02d', (CAST(strftime('%j', ${thursday}) AS INTEGER) + 6) / 7)`;
};

/** The period label of a grain, from a day column and a week column. */
function periodOf(grain: Grain, day: string, week: string): string {
  switch (grain) {
    case 'day':
      return day;
    case 'week':
      return week;
    case 'month':
      return `substr(${day}, 1, 7)`;
    case 'quarter':
      return `substr(${day}, 1, 4) || '-Q' || ((CAST(substr(${day}, 6, 2) AS INTEGER) + 2) / 3)`;
    case 'year':
      return `substr(${day}, 1, 4)`;
  }
}

const SCOPE_SQL: Record<Scope, { id: string; where: string }> = {
  company: { id: 'NULL', where: '1 = 1' },
  team: { id: 'team_id', where: 'team_id IS NOT NULL' },
  rep: { id: 'rep_id', where: '1 = 1' },
};

/** Rows of many values in as few statements as D1's 100 bound parameters allow. */
function insertRows(db: D1Database, table: string, columns: readonly string[], rows: readonly unknown[][]): D1PreparedStatement[] {
  const per = Math.floor(100 / columns.length);
  const out: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const values = chunk.map((_, j) => `(${columns.map((_, k) => `?${j * columns.length + k + 1}`).join(',')})`).join(',');
    out.push(db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`).bind(...chunk.flat()));
  }
  return out;
}

/** Rebuilds the working tables: zone segments, rep intervals, resolved sales and refunds. */
async function resolve(db: D1Database, timezone: string, history: TeamHistory): Promise<void> {
  const range = await db
    .prepare('SELECT MIN(ms) AS lo, MAX(ms) AS hi FROM (SELECT occurred_ms AS ms FROM f_sales UNION ALL SELECT occurred_ms FROM f_refunds)')
    .first<{ lo: number | null; hi: number | null }>();
  const segments = range?.lo == null ? [] : offsetSegments(timezone, range.lo, range.hi!);
  // The first segment starts at the earliest instant: extend it backwards so every row has one.
  const zoneRows = segments.map((s, i) => [i === 0 ? Number.MIN_SAFE_INTEGER : s.fromMs, s.offsetMs]);
  const teamRows = history.intervals().map((t) => [t.repId, t.fromMs, t.toMs, t.teamId]);
  await db.batch([
    db.prepare('DELETE FROM w_zone'),
    db.prepare('DELETE FROM w_rep_teams'),
    ...insertRows(db, 'w_zone', ['from_ms', 'offset_ms'], zoneRows),
    ...insertRows(db, 'w_rep_teams', ['rep_id', 'from_ms', 'to_ms', 'team_id'], teamRows),
    db.prepare('DELETE FROM w_sales'),
    // Amendments: the latest occurred_at wins, ties to the greater event id (BINARY collation
    // compares UTF-8 bytes, which is code-point order). First sale per customer: the earliest
    // occurred_at, ties to the smallest sale_id.
    db.prepare(
      `INSERT INTO w_sales (sale_id, rep_id, team_id, customer_id, amount_units, cost_units, occurred_ms, occurred_at,
                            day, week, region, segment, is_first, first_day, first_week)
       WITH latest AS (
         SELECT f.*, ROW_NUMBER() OVER (PARTITION BY sale_id ORDER BY occurred_ms DESC, event_id DESC) AS version_rank
         FROM f_sales f
       ), resolved AS (
         SELECT l.sale_id, l.rep_id, l.customer_id, l.amount_units, l.cost_units, l.occurred_ms, l.occurred_at, l.region, l.segment,
                COALESCE(l.team_id, (SELECT t.team_id FROM w_rep_teams t
                                     WHERE t.rep_id = l.rep_id AND t.from_ms <= l.occurred_ms AND l.occurred_ms < t.to_ms)) AS team_id,
                ${dayOf('l.occurred_ms')} AS day
         FROM latest l WHERE version_rank = 1
       ), ranked AS (
         SELECT r.*,
                ROW_NUMBER() OVER customer_order AS customer_rank,
                FIRST_VALUE(day) OVER customer_order AS first_day
         FROM resolved r
         WINDOW customer_order AS (PARTITION BY customer_id ORDER BY occurred_ms, sale_id)
       )
       SELECT sale_id, rep_id, team_id, customer_id, amount_units, cost_units, occurred_ms, occurred_at,
              day, ${weekOf('day')}, region, segment, customer_rank = 1, first_day, ${weekOf('first_day')}
       FROM ranked`,
    ),
    db.prepare('DELETE FROM w_refunds'),
    db.prepare(
      `INSERT INTO w_refunds (event_id, rep_id, team_id, amount_units, cost_units, day, week, region, segment)
       SELECT event_id, rep_id, team_id, amount_units, cost_units, day, ${weekOf('day')}, region, segment
       FROM (SELECT r.event_id, s.rep_id, s.team_id, r.amount_units, r.cost_units, ${dayOf('r.occurred_ms')} AS day, s.region, s.segment
             FROM f_refunds r JOIN w_sales s ON s.sale_id = r.sale_id)`,
    ),
  ]);
}

interface SalesRow {
  id: string | null;
  period: string;
  revenue: string;
  cost: string;
  missing: number;
  orders: number;
  active: number;
  new_customers: number;
  repeat_customers: number;
}

interface RefundRow {
  id: string | null;
  period: string;
  refunds: string;
  cost: string;
}

/** Every cell's sums and counts: one GROUP BY per (scope, grain) over resolved sales and refunds. */
async function aggregate(db: D1Database): Promise<SalesCell[]> {
  const plan = GRAINS.flatMap((grain) => (['company', 'team', 'rep'] as const).map((scope) => ({ grain, scope })));
  const statements = plan.flatMap(({ grain, scope }) => {
    const { id, where } = SCOPE_SQL[scope];
    const period = periodOf(grain, 'day', 'week');
    const firstPeriod = periodOf(grain, 'first_day', 'first_week');
    return [
      db.prepare(
        `SELECT ${id} AS id, ${period} AS period, CAST(SUM(amount_units) AS TEXT) AS revenue,
                CAST(COALESCE(SUM(cost_units), 0) AS TEXT) AS cost, MAX(cost_units IS NULL) AS missing, COUNT(*) AS orders,
                COUNT(DISTINCT customer_id) AS active, SUM(is_first) AS new_customers,
                COUNT(DISTINCT CASE WHEN ${firstPeriod} < ${period} THEN customer_id END) AS repeat_customers
         FROM w_sales WHERE ${where} GROUP BY 1, 2`,
      ),
      db.prepare(
        `SELECT ${id} AS id, ${period} AS period, CAST(SUM(amount_units) AS TEXT) AS refunds, CAST(SUM(cost_units) AS TEXT) AS cost
         FROM w_refunds WHERE ${where} GROUP BY 1, 2`,
      ),
    ];
  });
  const results = await db.batch(statements);
  const cells = new Map<string, SalesCell>();
  const cellOf = (scope: Scope, id: string | null, grain: Grain, period: string): SalesCell => {
    const key = JSON.stringify([scope, id, grain, period]);
    let c = cells.get(key);
    if (!c) {
      c = { scope, id, grain, period, revenue: 0n, refunds: 0n, saleCost: 0n, refundCost: 0n, missingCost: false, orders: 0, activeCustomers: 0, repeatCustomers: 0, newCustomers: 0 };
      cells.set(key, c);
    }
    return c;
  };
  plan.forEach(({ grain, scope }, i) => {
    for (const row of results[2 * i]!.results as unknown as SalesRow[]) {
      const c = cellOf(scope, row.id, grain, row.period);
      c.revenue = BigInt(row.revenue);
      c.saleCost = BigInt(row.cost);
      c.missingCost = row.missing === 1;
      c.orders = row.orders;
      c.activeCustomers = row.active;
      c.newCustomers = row.new_customers;
      c.repeatCustomers = row.repeat_customers;
    }
    for (const row of results[2 * i + 1]!.results as unknown as RefundRow[]) {
      const c = cellOf(scope, row.id, grain, row.period);
      c.refunds = BigInt(row.refunds);
      c.refundCost = BigInt(row.cost);
    }
  });
  return [...cells.values()];
}

/** Net revenue of the region/segment slices that have a market size, by month, quarter and year. */
async function marketNet(db: D1Database): Promise<Map<string, bigint>> {
  const net = new Map<string, bigint>();
  const slices = [
    { cols: 'region AS region, NULL AS segment', where: 'region IS NOT NULL' },
    { cols: 'NULL AS region, segment AS segment', where: 'segment IS NOT NULL' },
    { cols: 'region AS region, segment AS segment', where: 'region IS NOT NULL AND segment IS NOT NULL' },
  ];
  const plan = (['month', 'quarter', 'year'] as const).flatMap((grain) => slices.map((slice) => ({ grain, slice })));
  const statements = plan.flatMap(({ grain, slice }) => {
    const period = periodOf(grain, 'day', 'week');
    return ['w_sales', 'w_refunds'].map((table) =>
      db.prepare(`SELECT ${period} AS period, ${slice.cols}, CAST(SUM(amount_units) AS TEXT) AS units FROM ${table} WHERE ${slice.where} GROUP BY 1, 2, 3`),
    );
  });
  const results = await db.batch<{ period: string; region: string | null; segment: string | null; units: string }>(statements);
  results.forEach((result, i) => {
    const sign = i % 2 === 0 ? 1n : -1n; // sales add, refunds subtract
    for (const { period, region, segment, units } of result.results) {
      const key = JSON.stringify([period, region, segment]);
      net.set(key, (net.get(key) ?? 0n) + sign * BigInt(units));
    }
  });
  return net;
}

/** The sales side of every KPI cell, computed in D1. */
export async function salesFactsFromSql(db: D1Database, timezone: string, history: TeamHistory, withMarkets: boolean): Promise<SalesFacts> {
  await resolve(db, timezone, history);
  const [cells, net, orphans, unattributed] = await Promise.all([
    aggregate(db),
    withMarkets ? marketNet(db) : Promise.resolve(new Map<string, bigint>()),
    db
      .prepare(
        `SELECT event_id, sale_id, CAST(amount_units AS TEXT) AS amount, occurred_at FROM f_refunds
         WHERE sale_id NOT IN (SELECT sale_id FROM w_sales) ORDER BY event_id`,
      )
      .all<{ event_id: string; sale_id: string; amount: string; occurred_at: string }>(),
    db.prepare('SELECT sale_id, rep_id, occurred_at FROM w_sales WHERE team_id IS NULL ORDER BY sale_id').all<{ sale_id: string; rep_id: string; occurred_at: string }>(),
  ]);
  return {
    cells,
    marketNet: net,
    orphanRefunds: orphans.results.map((r) => ({ event_id: r.event_id, sale_id: r.sale_id, amount: BigInt(r.amount), occurred_at: r.occurred_at })),
    unattributedSales: unattributed.results,
  };
}
