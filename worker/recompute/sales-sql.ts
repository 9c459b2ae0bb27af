/**
 * The SQL producer of the sales side of the KPIs (shared/kpi/sales-cells.ts holds the reference
 * producer it must agree with). Sales are resolved in D1 — amendments, team at the sale's time,
 * local day and ISO week in ORG_TIMEZONE, first sale per customer — and every (scope, grain,
 * period) cell is aggregated with GROUP BY into `w_cells`, so no event is held in memory.
 *
 * Incremental: facts stored since the last run (rowid watermarks) name the sales and customers
 * they touch; only those sales are re-resolved, and the cells change by what their rows took
 * away and brought (cellChangeStatements). A change of zone or of rep-team history rebuilds
 * everything.
 */
import type { TeamHistory } from '../../shared/kpi/attribution.ts';
import type { SalesCell, SalesFacts } from '../../shared/kpi/sales-cells.ts';
import type { NamedKpiBlock } from '../../shared/kpi/series.ts';
import { paceKey } from '../../shared/kpi/build-kpis.ts';
import { paceDays, type PaceSums, type PacingInput } from '../../shared/kpi/pacing.ts';
import { offsetSegments } from '../../shared/period.ts';
import { GRAINS, type Grain, type Scope } from '../../shared/snapshot.ts';
import { sha256Hex } from '../sha256.ts';
import { jsonRowsInsert, multiRowInsert } from '../db/multi-row-insert.ts';
import { pagedMap, PAGE_ROWS } from '../db/paged-read.ts';
import type { PhaseTimer } from './phase-timer.ts';
import { dirtyCustomersStatements, dirtyDaysStatement, linesDirtyStatement } from '../db/reuse-base.ts';
import { engineStateStatement } from '../db/engine-state.ts';

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
  company: { id: "''", where: '1 = 1' },
  team: { id: 'team_id', where: 'team_id IS NOT NULL' },
  rep: { id: 'rep_id', where: '1 = 1' },
};

/** Zone offsets are stored for the facts' range padded by a year each way. */
const ZONE_PAD_MS = 366 * 86_400_000;

/**
 * Resolves sales into w_sales: the winning version (latest occurred_at, ties to the greater event
 * id — BINARY collation is code-point order), its team, day and week, and its customer's first
 * sale (earliest occurred_at, ties to the smallest sale_id).
 *
 * `touched`: the sales in w_touched_sales, which must hold every sale of the customers in
 * w_touched_customers (those whose first sale may change); for the other customers the first
 * sale already in w_sales stays first and is ranked alongside.
 *
 * Otherwise (a full rebuild) the sales whose winning version names a customer in `customers`
 * (a [from, to) range of customer ids; null ends are open): every version of a sale that names
 * such a customer in any version is ranked, so each sale is resolved once, in the range of its
 * winning customer, with all that customer's sales.
 */
function insertSales(db: D1Database, touched: boolean, customers: CustomerRange = OPEN_RANGE): D1PreparedStatement {
  const inRange = (column: string) =>
    [customers.from === null ? null : `${column} >= ?1`, customers.to === null ? null : `${column} < ?2`].filter(Boolean).join(' AND ') || '1 = 1';
  const ranged = !touched && (customers.from !== null || customers.to !== null);
  const statement = db.prepare(
    `INSERT INTO w_sales (sale_id, rep_id, team_id, customer_id, amount_units, cost_units, occurred_ms, occurred_at,
                          day, week, region, segment, is_first, first_day, first_week)
     WITH latest AS (
       SELECT f.*, ROW_NUMBER() OVER (PARTITION BY sale_id ORDER BY occurred_ms DESC, event_id DESC) AS version_rank
       FROM f_sales f ${
         touched
           ? 'WHERE f.sale_id IN (SELECT sale_id FROM w_touched_sales)'
           : ranged
             ? `WHERE f.sale_id IN (SELECT sale_id FROM f_sales WHERE ${inRange('customer_id')})`
             : ''
       }
     ), resolved AS (
       SELECT l.sale_id, l.rep_id, l.customer_id, l.amount_units, l.cost_units, l.occurred_ms, l.occurred_at, l.region, l.segment,
              COALESCE(l.team_id, (SELECT t.team_id FROM w_rep_teams t
                                   WHERE t.rep_id = l.rep_id AND t.from_ms <= l.occurred_ms AND l.occurred_ms < t.to_ms)) AS team_id,
              ${dayOf('l.occurred_ms')} AS day, 1 AS resolving
       FROM latest l WHERE version_rank = 1${ranged ? ` AND ${inRange('l.customer_id')}` : ''}
     ), pool AS (
       SELECT * FROM resolved
       ${
         touched
           ? `UNION ALL
       SELECT sale_id, rep_id, customer_id, amount_units, cost_units, occurred_ms, occurred_at, region, segment, team_id, day, 0
       FROM w_sales WHERE is_first = 1 AND customer_id IN (SELECT customer_id FROM resolved)`
           : ''
       }
     ), ranked AS (
       SELECT p.*, ROW_NUMBER() OVER customer_order AS customer_rank, FIRST_VALUE(day) OVER customer_order AS first_day
       FROM pool p
       WINDOW customer_order AS (PARTITION BY customer_id ORDER BY occurred_ms, sale_id)
     )
     SELECT sale_id, rep_id, team_id, customer_id, amount_units, cost_units, occurred_ms, occurred_at,
            day, ${weekOf('day')}, region, segment, customer_rank = 1, first_day, ${weekOf('first_day')}
     FROM ranked WHERE resolving = 1`,
  );
  if (!ranged) return statement;
  // One value per placeholder number the SQL holds (`?2` alone still makes two). The ranges are
  // contiguous and open at both ends, so a customer stored after they were drawn still falls in one.
  return customers.from !== null && customers.to !== null
    ? statement.bind(customers.from, customers.to)
    : customers.from !== null
      ? statement.bind(customers.from)
      : statement.bind(null, customers.to);
}

/** A range of customer ids, [from, to); null ends are open. */
export interface CustomerRange {
  from: string | null;
  to: string | null;
}
const OPEN_RANGE: CustomerRange = { from: null, to: null };

/**
 * Sales a statement of a full rebuild resolves at most (about): D1 stops a query after 30 s, and
 * resolving a million sales in one statement took 47 s on local D1 (npm run bench).
 */
export const FULL_REBUILD_SALES_PER_STATEMENT = 100_000;

/**
 * Customer ranges that split a full rebuild into statements of about `salesPerStatement` sales
 * (whole customers each: a customer's first sale is ranked among all their sales).
 */
export async function customerRanges(db: D1Database, salesPerStatement: number): Promise<CustomerRange[]> {
  const totals = await db.prepare('SELECT COUNT(*) AS sales, COUNT(DISTINCT customer_id) AS customers FROM f_sales').first<{ sales: number; customers: number }>();
  const statements = Math.ceil((totals?.sales ?? 0) / salesPerStatement);
  if (statements <= 1) return [OPEN_RANGE];
  const step = Math.ceil(totals!.customers / statements);
  const { results } = await db
    .prepare(
      `SELECT customer_id FROM (SELECT customer_id, ROW_NUMBER() OVER (ORDER BY customer_id) AS n FROM (SELECT DISTINCT customer_id FROM f_sales))
       WHERE n > 1 AND (n - 1) % ?1 = 0 ORDER BY customer_id`,
    )
    .bind(step)
    .all<{ customer_id: string }>();
  const bounds = results.map((r) => r.customer_id);
  return [null, ...bounds].map((from, i) => ({ from, to: bounds[i] ?? null }));
}

/** Refunds (named by `refundFilter`, all when null) of resolved sales, credited like their sale (and with its id and day). */
function insertRefunds(db: D1Database, refundFilter: string | null): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO w_refunds (event_id, rep_id, team_id, amount_units, cost_units, day, week, region, segment, sale_id, sale_day)
     SELECT event_id, rep_id, team_id, amount_units, cost_units, day, ${weekOf('day')}, region, segment, sale_id, sale_day
     FROM (SELECT r.event_id, s.rep_id, s.team_id, r.amount_units, r.cost_units, ${dayOf('r.occurred_ms')} AS day, s.region, s.segment, s.sale_id, s.day AS sale_day
           FROM f_refunds r JOIN w_sales s ON s.sale_id = r.sale_id
           ${refundFilter === null ? '' : `WHERE ${refundFilter}`})`,
  );
}

/** The cell columns after its key, in order (w_cells). */
const CELL_COLUMNS = 'revenue, sale_cost, missing_cost, orders, active_customers, new_customers, repeat_customers, refunds, refund_cost, refund_count';

/**
 * Every kind of cell, (grain, scope), with its SQL over a sales or refunds row `x`: the cell's
 * key columns (scope, scope id, grain), its period and its customer's first period, the rows it
 * takes (team cells: rows with a team) and the scope's id column (null for the company).
 */
function* cellKinds(): Generator<{ grain: Grain; key: string; period: string; firstPeriod: string; scoped: string; idColumn: string | null }> {
  for (const grain of GRAINS) {
    for (const scope of ['company', 'team', 'rep'] as const) {
      const { id, where } = SCOPE_SQL[scope];
      const idColumn = id === "''" ? null : id;
      yield {
        grain,
        key: `'${scope}', ${idColumn === null ? id : `x.${idColumn}`}, '${grain}'`,
        period: periodOf(grain, 'x.day', 'x.week'),
        firstPeriod: periodOf(grain, 'x.first_day', 'x.first_week'),
        scoped: where.replaceAll('team_id', 'x.team_id'),
        idColumn,
      };
    }
  }
}

/**
 * Aggregates every cell into w_cells from w_sales and w_refunds (a full rebuild). `missing_cost`
 * and `refund_count` are counts, so that an incremental run can add and take away (see
 * {@link cellChangeStatements}); a cell exists when a sale or a refund falls in it.
 */
function aggregateStatements(db: D1Database): D1PreparedStatement[] {
  return [...cellKinds()].flatMap(({ key, period, firstPeriod, scoped }) => [
    db.prepare(
      `INSERT INTO w_cells (scope, scope_id, grain, period, ${CELL_COLUMNS})
       SELECT ${key}, ${period}, SUM(x.amount_units), COALESCE(SUM(x.cost_units), 0),
              SUM(x.cost_units IS NULL), COUNT(*), COUNT(DISTINCT x.customer_id), SUM(x.is_first),
              COUNT(DISTINCT CASE WHEN ${firstPeriod} < ${period} THEN x.customer_id END), 0, 0, 0
       FROM w_sales x WHERE ${scoped} GROUP BY 2, 4`,
    ),
    db.prepare(
      `INSERT INTO w_cells (scope, scope_id, grain, period, ${CELL_COLUMNS})
       SELECT ${key}, ${period}, 0, 0, 0, 0, 0, 0, 0, SUM(x.amount_units), SUM(x.cost_units), COUNT(*)
       FROM w_refunds x WHERE ${scoped} GROUP BY 2, 4
       ON CONFLICT (scope, scope_id, grain, period) DO UPDATE SET refunds = excluded.refunds, refund_cost = excluded.refund_cost, refund_count = excluded.refund_count`,
    ),
  ]);
}

/** Sales the incremental run re-resolves (w_touched_sales): their rows leave w_sales and come back. */
const TOUCHED_SALES = 'SELECT sale_id FROM w_touched_sales';

/**
 * What an incremental run changes in the cells, as a difference: the rows of the touched sales
 * and of their refunds (with `refundsFrom`, the refunds stored since the last run too) taken
 * away (`sign` -1: before they are deleted) or added (+1: once inserted again). Re-aggregating
 * their periods instead read every sale of a touched year (half a two-year history, with
 * distinct counts) on every run.
 *
 * Sums and counts add up. A distinct customer counts for a cell when no other sale of the cell
 * (one not touched: those stay as they are) has the same customer: the customer leaves the cell
 * with its last sale and enters with its first. The same holds for repeat customers, since a
 * customer whose first sale may change has every sale touched (update), so the sales not
 * touched keep their first day.
 */
function cellChangeStatements(db: D1Database, sign: 1 | -1, refundsFrom: number | null): D1PreparedStatement[] {
  const s = sign === 1 ? '' : '-';
  const refunds =
    refundsFrom === null
      ? `SELECT event_id FROM f_refunds WHERE sale_id IN (${TOUCHED_SALES})`
      : `SELECT event_id FROM f_refunds WHERE sale_id IN (${TOUCHED_SALES}) OR rowid > ${Number(refundsFrom)}`;
  const add = CELL_COLUMNS.split(', ')
    .map((c) => `${c} = ${c} + excluded.${c}`)
    .join(', ');
  return [...cellKinds()].flatMap(({ grain, key, period, firstPeriod, scoped, idColumn }) => {
    const sameScope = idColumn === null ? '' : `AND u.${idColumn} = x.${idColumn}`;
    const days = periodDays(grain, 'x.day');
    // The customer has another sale in the cell, one this run leaves as it is (found in the
    // index on customer and day; only a match's sale id is read from its row).
    const shared = `EXISTS (SELECT 1 FROM w_sales u WHERE u.customer_id = x.customer_id AND u.day BETWEEN ${days.lo} AND ${days.hi} ${sameScope}
                             AND u.sale_id NOT IN (${TOUCHED_SALES}))`;
    return [
      // The rows first, materialized: the EXISTS is asked once a row, not once a count.
      db.prepare(
        `WITH x AS MATERIALIZED (
           SELECT x.*, ${period} AS period, ${firstPeriod} < ${period} AS repeat, ${shared} AS shared
           FROM w_sales x WHERE x.sale_id IN (${TOUCHED_SALES}) AND ${scoped})
         INSERT INTO w_cells (scope, scope_id, grain, period, ${CELL_COLUMNS})
         SELECT ${key}, x.period, ${s}SUM(x.amount_units), ${s}COALESCE(SUM(x.cost_units), 0),
                ${s}SUM(x.cost_units IS NULL), ${s}COUNT(*), ${s}COUNT(DISTINCT CASE WHEN NOT x.shared THEN x.customer_id END), ${s}SUM(x.is_first),
                ${s}COUNT(DISTINCT CASE WHEN x.repeat AND NOT x.shared THEN x.customer_id END), 0, 0, 0
         FROM x WHERE true GROUP BY 2, 4
         ON CONFLICT (scope, scope_id, grain, period) DO UPDATE SET ${add}`,
      ),
      db.prepare(
        `INSERT INTO w_cells (scope, scope_id, grain, period, ${CELL_COLUMNS})
         SELECT ${key}, ${period}, 0, 0, 0, 0, 0, 0, 0, ${s}SUM(x.amount_units), ${s}SUM(x.cost_units), ${s}COUNT(*)
         FROM w_refunds x WHERE x.event_id IN (${refunds}) AND ${scoped} GROUP BY 2, 4
         ON CONFLICT (scope, scope_id, grain, period) DO UPDATE SET ${add}`,
      ),
    ];
  });
}

/** Cells left without a sale or a refund (only touched periods can be: w_touched_periods). */
function emptyCellsStatements(db: D1Database): D1PreparedStatement[] {
  return GRAINS.map((grain) =>
    db
      .prepare(
        `DELETE FROM w_cells WHERE grain = ?1 AND period IN (SELECT period FROM w_touched_periods WHERE grain = ?1) AND orders = 0 AND refund_count = 0`,
      )
      .bind(grain),
  );
}

interface EngineState {
  zone?: string;
  zone_lo?: string;
  zone_hi?: string;
  teams_hash?: string;
  sales_rowid?: string;
  refunds_rowid?: string;
}

function setState(db: D1Database, state: Required<EngineState>): D1PreparedStatement[] {
  return Object.entries(state).map(([key, value]) => engineStateStatement(db, key, value));
}

export interface SqlRunInfo {
  mode: 'full' | 'incremental' | 'unchanged';
  touchedDays: number;
  /**
   * The longest single statement of the update batch (D1's own `meta.duration`), and its place
   * in the batch: D1 stops a query after 30 s, so this is the figure to watch as facts grow.
   */
  slowest: { ms: number; index: number; of: number } | null;
}

/** Brings w_sales, w_refunds and w_cells up to date with the stored facts. */
async function update(db: D1Database, timezone: string, history: TeamHistory, forceFull: boolean, salesPerStatement: number): Promise<SqlRunInfo> {
  const { results: stateRows } = await db.prepare('SELECT key, value FROM engine_state').all<{ key: string; value: string }>();
  const state: EngineState = Object.fromEntries(stateRows.map((r) => [r.key, r.value]));
  const intervals = history.intervals();
  const teamsHash = await sha256Hex(JSON.stringify(intervals));
  const full =
    forceFull || state.zone !== timezone || state.teams_hash !== teamsHash || state.sales_rowid === undefined || state.zone_lo === undefined || state.zone_hi === undefined;
  const salesFrom = full ? 0 : Number(state.sales_rowid);
  const refundsFrom = full ? 0 : Number(state.refunds_rowid);
  // The watermarks, and the range of the facts stored since the last run (all of them in a full
  // rebuild): by rowid, not a scan of every fact.
  const marks = await db
    .prepare(
      `SELECT (SELECT COALESCE(MAX(rowid), 0) FROM f_sales) AS sales_rowid, (SELECT COALESCE(MAX(rowid), 0) FROM f_refunds) AS refunds_rowid,
              (SELECT MIN(ms) FROM (SELECT MIN(occurred_ms) AS ms FROM f_sales WHERE rowid > ?1 UNION ALL SELECT MIN(occurred_ms) FROM f_refunds WHERE rowid > ?2)) AS lo,
              (SELECT MAX(ms) FROM (SELECT MAX(occurred_ms) AS ms FROM f_sales WHERE rowid > ?1 UNION ALL SELECT MAX(occurred_ms) FROM f_refunds WHERE rowid > ?2)) AS hi`,
    )
    .bind(salesFrom, refundsFrom)
    .first<{ sales_rowid: number; refunds_rowid: number; lo: number | null; hi: number | null }>();
  if (!full && marks!.sales_rowid === salesFrom && marks!.refunds_rowid === refundsFrom) return { mode: 'unchanged', touchedDays: 0, slowest: null };

  // Zone offsets for the facts' range (padded): set by a full rebuild, widened when new facts
  // leave it (the facts before were inside it).
  const statements: D1PreparedStatement[] = [];
  let zoneLo = Number(state.zone_lo ?? NaN);
  let zoneHi = Number(state.zone_hi ?? NaN);
  const lo = marks!.lo ?? 0;
  const hi = marks!.hi ?? 0;
  if (full || (marks!.lo !== null && !(zoneLo <= lo && hi <= zoneHi))) {
    zoneLo = full ? lo - ZONE_PAD_MS : Math.min(zoneLo, lo - ZONE_PAD_MS);
    zoneHi = full ? hi + ZONE_PAD_MS : Math.max(zoneHi, hi + ZONE_PAD_MS);
    const segments = offsetSegments(timezone, zoneLo, zoneHi);
    // The first segment reaches back to every earlier instant (none is stored; it is a guard).
    const rows = segments.map((s, i) => [i === 0 ? Number.MIN_SAFE_INTEGER : s.fromMs, s.offsetMs]);
    statements.push(db.prepare('DELETE FROM w_zone'), ...multiRowInsert(db, 'w_zone', ['from_ms', 'offset_ms'], rows));
  }
  if (full) {
    statements.push(
      db.prepare('DELETE FROM w_rep_teams'),
      ...multiRowInsert(db, 'w_rep_teams', ['rep_id', 'from_ms', 'to_ms', 'team_id'], intervals.map((t) => [t.repId, t.fromMs, t.toMs, t.teamId])),
      db.prepare('DELETE FROM w_sales'),
      ...(await customerRanges(db, salesPerStatement)).map((range) => insertSales(db, false, range)),
      db.prepare('DELETE FROM w_refunds'),
      insertRefunds(db, null),
      db.prepare('DELETE FROM w_cells'),
      ...aggregateStatements(db),
    );
  } else {
    // Sales touched: those with new versions. Customers touched: those whose first sale may
    // change — a new version not later than the customer's current first sale (or a customer
    // with none), or a touched sale that was its customer's first. Every sale of a touched
    // customer is re-resolved; a new sale after its customer's first changes no other sale.
    statements.push(
      db.prepare('DELETE FROM w_touched_sales'),
      db.prepare('DELETE FROM w_touched_customers'),
      db.prepare('DELETE FROM w_touched_days'),
      db.prepare('DELETE FROM w_touched_periods'),
      db.prepare('INSERT OR IGNORE INTO w_touched_sales SELECT sale_id FROM f_sales WHERE rowid > ?1').bind(salesFrom),
      db.prepare(
        `INSERT OR IGNORE INTO w_touched_customers
         SELECT f.customer_id FROM f_sales f
         WHERE f.rowid > ?1 AND NOT EXISTS (
           SELECT 1 FROM w_sales s
           WHERE s.customer_id = f.customer_id AND s.is_first = 1 AND s.sale_id <> f.sale_id
             AND (s.occurred_ms < f.occurred_ms OR (s.occurred_ms = f.occurred_ms AND s.sale_id < f.sale_id)))`,
      ).bind(salesFrom),
      db.prepare('INSERT OR IGNORE INTO w_touched_customers SELECT customer_id FROM w_sales WHERE is_first = 1 AND sale_id IN (SELECT sale_id FROM w_touched_sales)'),
      db.prepare('INSERT OR IGNORE INTO w_touched_sales SELECT sale_id FROM w_sales WHERE customer_id IN (SELECT customer_id FROM w_touched_customers)'),
      // The days the rows leave from.
      db.prepare('INSERT OR IGNORE INTO w_touched_days SELECT day FROM w_sales WHERE sale_id IN (SELECT sale_id FROM w_touched_sales)'),
      db.prepare(
        `INSERT OR IGNORE INTO w_touched_days SELECT day FROM w_refunds
         WHERE event_id IN (SELECT event_id FROM f_refunds WHERE sale_id IN (SELECT sale_id FROM w_touched_sales))`,
      ),
      ...dirtyCustomersStatements(db, 'before', refundsFrom),
      // The cells lose what the rows about to be deleted gave them (cellChangeStatements).
      ...cellChangeStatements(db, -1, null),
      db.prepare('DELETE FROM w_refunds WHERE event_id IN (SELECT event_id FROM f_refunds WHERE sale_id IN (SELECT sale_id FROM w_touched_sales))'),
      db.prepare('DELETE FROM w_sales WHERE sale_id IN (SELECT sale_id FROM w_touched_sales)'),
      insertSales(db, true),
      insertRefunds(db, `r.sale_id IN (SELECT sale_id FROM w_touched_sales) OR r.rowid > ${Number(refundsFrom)}`),
      ...dirtyCustomersStatements(db, 'after', refundsFrom),
      // The cells gain what the rows inserted give (the new refunds' too).
      ...cellChangeStatements(db, 1, refundsFrom),
      // The days the rows arrive in (beside those they left).
      db.prepare('INSERT OR IGNORE INTO w_touched_days SELECT day FROM w_sales WHERE sale_id IN (SELECT sale_id FROM w_touched_sales)'),
      db.prepare(
        `INSERT OR IGNORE INTO w_touched_days SELECT day FROM w_refunds
         WHERE event_id IN (SELECT event_id FROM f_refunds WHERE sale_id IN (SELECT sale_id FROM w_touched_sales) OR rowid > ?1)`,
      ).bind(refundsFrom),
    );
  }
  if (!full) statements.push(...touchedPeriodsStatements(db), ...emptyCellsStatements(db));
  // The commission lines are stale from the earliest touched day (reuse-base.ts), in the
  // same transaction as the lines themselves change.
  statements.push(linesDirtyStatement(db, full));
  // So are the KPI blocks of those days (a full rebuild builds every block anyway).
  if (!full) statements.push(dirtyDaysStatement(db));
  statements.push(
    ...setState(db, {
      zone: timezone,
      zone_lo: String(zoneLo),
      zone_hi: String(zoneHi),
      teams_hash: teamsHash,
      sales_rowid: String(marks!.sales_rowid),
      refunds_rowid: String(marks!.refunds_rowid),
    }),
  );
  // One batch, one transaction: the working tables, the cells and the watermarks move together.
  const results = await db.batch(statements);
  let slowest: SqlRunInfo['slowest'] = null;
  results.forEach((r, index) => {
    const ms = r.meta?.duration ?? 0;
    if (slowest === null || ms > slowest.ms) slowest = { ms: Math.round(ms), index, of: results.length };
  });
  if (full) return { mode: 'full', touchedDays: -1, slowest };
  const touched = await db.prepare('SELECT COUNT(*) AS n FROM w_touched_days').first<{ n: number }>();
  return { mode: 'incremental', touchedDays: touched?.n ?? 0, slowest };
}

/** The first and last day (SQL) of the period of a grain that holds the day in a column (the days a cell covers). */
function periodDays(grain: Grain, day: string): { lo: string; hi: string } {
  const quarterStart = `substr(${day}, 1, 5) || printf('%02d', (CAST(substr(${day}, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1) || '-01'`;
  switch (grain) {
    case 'day':
      return { lo: day, hi: day };
    case 'week':
      return { lo: `date(${day}, '-6 days', 'weekday 1')`, hi: `date(${day}, '-6 days', 'weekday 1', '+6 days')` };
    case 'month':
      return { lo: `substr(${day}, 1, 7) || '-01'`, hi: `date(substr(${day}, 1, 7) || '-01', '+1 month', '-1 day')` };
    case 'quarter':
      return { lo: quarterStart, hi: `date(${quarterStart}, '+3 months', '-1 day')` };
    case 'year':
      return { lo: `substr(${day}, 1, 4) || '-01-01'`, hi: `substr(${day}, 1, 4) || '-12-31'` };
  }
}

/** The periods (of every grain) containing a touched day. */
function touchedPeriodsStatements(db: D1Database): D1PreparedStatement[] {
  return GRAINS.map((grain) =>
    db.prepare(`INSERT OR IGNORE INTO w_touched_periods (grain, period) SELECT '${grain}', ${periodOf(grain, 'day', weekOf('day'))} FROM w_touched_days`),
  );
}

/**
 * Cells per page of the cells read: a page arrives as arrays of texts before it becomes cells,
 * and 100,000 of those at once were the recompute's peak (npm run bench:memory).
 */
const CELL_PAGE_ROWS = 20_000;

type CellRow = [number, Scope, string, Grain, string, string, string, number, number, number, number, number, string, string];

/** shared/kpi/series.ts `blockOf` in SQL, over a grain column and a period column (test/worker/block-of-sql.test.ts holds them equal). */
export function blockOfSql(grain: string, period: string): string {
  return `CASE ${grain} WHEN 'day' THEN substr(${period}, 1, 7) ELSE substr(${period}, 1, 4) END`;
}

/**
 * The cells of w_cells as the reference producer's SalesCell (as arrays and in pages: there are
 * hundreds of thousands), but those of the KPI blocks `named` (by kpiBlockKey: blocks the
 * recompute names without building), which are not read at all.
 */
async function readCells(db: D1Database, pageRows: number, named: ReadonlyMap<string, NamedKpiBlock>): Promise<SalesCell[]> {
  // The named blocks go into a working table first (thousands of them: bound as JSON arrays).
  const skip = [...named.values()].map((b) => [b.scope, b.scopeId, b.grain, b.block]);
  await db.batch([db.prepare('DELETE FROM w_named_blocks'), ...jsonRowsInsert(db, 'w_named_blocks', ['scope', 'scope_id', 'grain', 'block'], skip).map((s) => s.statement)]);
  const block = blockOfSql('c.grain', 'c.period');
  return pagedMap<CellRow, SalesCell>(
    db,
    {
      select: `SELECT c.rowid, c.scope, c.scope_id, c.grain, c.period, CAST(c.revenue AS TEXT), CAST(c.sale_cost AS TEXT), c.missing_cost,
                      c.orders, c.active_customers, c.new_customers, c.repeat_customers, CAST(c.refunds AS TEXT), CAST(c.refund_cost AS TEXT)
                 FROM w_cells c WHERE {after}
                  AND NOT EXISTS (SELECT 1 FROM w_named_blocks n WHERE n.scope = c.scope AND n.scope_id = c.scope_id AND n.grain = c.grain AND n.block = ${block})
                ORDER BY c.rowid LIMIT ?2`,
      key: 'c.rowid',
      keyOf: (row) => row[0],
      pageRows,
    },
    ([, scope, scopeId, grain, period, revenue, saleCost, missingCost, orders, activeCustomers, newCustomers, repeatCustomers, refunds, refundCost]) => ({
      scope,
      id: scope === 'company' ? null : scopeId,
      grain,
      period,
      revenue: BigInt(revenue),
      refunds: BigInt(refunds),
      saleCost: BigInt(saleCost),
      refundCost: BigInt(refundCost),
      missingCost: missingCost > 0,
      orders,
      activeCustomers,
      repeatCustomers,
      newCustomers,
    }),
  );
}

/** Brings the sales side of every KPI cell up to date in D1 (incrementally unless `forceFull`): the cells, then read by {@link readSalesFacts}. */
export async function updateSalesFacts(
  db: D1Database,
  options: {
    timezone: string;
    history: TeamHistory;
    forceFull?: boolean;
    phases?: PhaseTimer;
    /** Sales per statement of a full rebuild (default FULL_REBUILD_SALES_PER_STATEMENT; tests split small histories). */
    salesPerStatement?: number;
  },
): Promise<SqlRunInfo> {
  const run = await update(db, options.timezone, options.history, options.forceFull ?? false, options.salesPerStatement ?? FULL_REBUILD_SALES_PER_STATEMENT);
  options.phases?.mark(`sql ${run.mode}`);
  return run;
}

/** The sales side of the KPI cells as {@link updateSalesFacts} left them, but the cells of the `named` blocks. */
export async function readSalesFacts(
  db: D1Database,
  options: {
    withMarkets: boolean;
    /** KPI blocks not to read the cells of (kpiBlockKey: the recompute names them without building them). */
    named?: ReadonlyMap<string, NamedKpiBlock>;
    phases?: PhaseTimer;
    /** Rows per page of the cells read (default CELL_PAGE_ROWS; tests read in small pages). */
    pageRows?: number;
  },
): Promise<SalesFacts> {
  const [cells, net, orphans, unattributed] = await Promise.all([
    readCells(db, options.pageRows ?? CELL_PAGE_ROWS, options.named ?? new Map()),
    options.withMarkets ? marketNet(db) : Promise.resolve(new Map<string, bigint>()),
    db
      .prepare(
        `SELECT event_id, sale_id, CAST(amount_units AS TEXT) AS amount, occurred_at FROM f_refunds
         WHERE sale_id NOT IN (SELECT sale_id FROM w_sales) ORDER BY event_id`,
      )
      .all<{ event_id: string; sale_id: string; amount: string; occurred_at: string }>(),
    db.prepare('SELECT sale_id, rep_id, occurred_at FROM w_sales WHERE team_id IS NULL ORDER BY sale_id').all<{ sale_id: string; rep_id: string; occurred_at: string }>(),
  ]);
  options.phases?.mark('sql read');
  return {
    cells,
    marketNet: net,
    orphanRefunds: orphans.results.map((r) => ({ event_id: r.event_id, sale_id: r.sale_id, amount: BigInt(r.amount), occurred_at: r.occurred_at })),
    unattributedSales: unattributed.results,
  };
}

/**
 * The sums pacing takes (shared/kpi/pacing.ts paceDays) for each paced period, by paceKey,
 * summed over the day cells in D1: the recompute holds no day cells of the blocks it names. A
 * period without a day cell in a range sums to 0 there.
 */
export async function paceSumsFromSql(db: D1Database, paced: readonly PacingInput[], asOfDay: string): Promise<Map<string, PaceSums>> {
  const sums = new Map<string, PaceSums>();
  if (paced.length === 0) return sums;
  const items = paced.map((p) => {
    const d = paceDays(p.period, asOfDay);
    return [p.scope, p.id ?? '', ...d.toDate, ...d.lastYearTotal, ...d.lastYearToDate];
  });
  // The items are materialized first: joined straight to json_each, each one scanned every day cell.
  const net = (from: string, to: string) => `CAST(COALESCE(SUM(CASE WHEN c.period BETWEEN i.${from} AND i.${to} THEN c.revenue - c.refunds END), 0) AS TEXT)`;
  const rows = await db
    .prepare(
      `WITH items AS MATERIALIZED (
         SELECT key AS item, value ->> 0 AS scope, value ->> 1 AS scope_id, value ->> 2 AS a, value ->> 3 AS b,
                value ->> 4 AS c, value ->> 5 AS d, value ->> 6 AS e, value ->> 7 AS f FROM json_each(?1))
       SELECT i.item, ${net('a', 'b')}, ${net('c', 'd')}, ${net('e', 'f')}
         FROM items i JOIN w_cells c ON c.scope = i.scope AND c.scope_id = i.scope_id AND c.grain = 'day' AND c.period BETWEEN i.c AND i.b
        GROUP BY i.item`,
    )
    .bind(JSON.stringify(items))
    .raw<[number, string, string, string]>();
  for (const [index, toDate, lastYearTotal, lastYearToDate] of rows) {
    sums.set(paceKey(paced[index]!), { toDate: BigInt(toDate), lastYearTotal: BigInt(lastYearTotal), lastYearToDate: BigInt(lastYearToDate) });
  }
  return sums;
}

/** Net revenue of the region/segment slices, by month, quarter and year (sales add, refunds subtract). */
async function marketNet(db: D1Database): Promise<Map<string, bigint>> {
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
  const net = new Map<string, bigint>();
  const results = await db.batch<{ period: string; region: string | null; segment: string | null; units: string }>(statements);
  results.forEach((result, i) => {
    const sign = i % 2 === 0 ? 1n : -1n;
    for (const { period, region, segment, units } of result.results) {
      const key = JSON.stringify([period, region, segment]);
      net.set(key, (net.get(key) ?? 0n) + sign * BigInt(units));
    }
  });
  return net;
}
