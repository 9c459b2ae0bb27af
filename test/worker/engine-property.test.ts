/**
 * Property: whatever the events, their arrival order, batching, redeliveries and the recomputes
 * in between, the Worker's snapshot (SQL engine in D1) equals the in-memory reference engine
 * (shared/kpi, shared/appraisal) run once on the same events. Seeded random cases, each adding to the same D1, so
 * later cases also exercise recomputes over data that was already resolved.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { appraisalsFromEvents } from '../../shared/appraisal/build-appraisals.ts';
import { POLICY } from '../../shared/policy/policy.ts';
import { customersFromEvents } from '../../shared/analysis/customer-facts.ts';
import { toExactJson } from '../../shared/kpi/series.ts';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import { customerRanges } from '../../worker/recompute/sales-sql.ts';
import { snapshotById } from '../../worker/db/snapshots.ts';
import { snapshotDocument } from '../../worker/db/snapshot-document.ts';
import { mulberry32, shuffled } from '../support/seeded.ts';
import { postEvents, read } from './helpers.ts';
import { typed } from '../support/typed-events.ts';
import { labelsOfDay } from '../../shared/period.ts';
import { TeamHistory } from '../../shared/kpi/attribution.ts';
import { buildKpis, eventsOfType } from '../../shared/kpi/build-kpis.ts';
import { salesProcessLists } from '../../shared/analysis/process-lists.ts';

/**
 * Items per (scope, id, week, month) of their day: each counted once for the company, its team
 * (when it had one) and its rep (when it had one). New customers from the customer rows (their
 * first sale), complaints from the complaint list (their opening).
 */
function countsByScope(items: readonly { day: string; teamId: string | null; repId: string | null }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const { week, month } = labelsOfDay(item.day);
    const owners: [string, string | null][] = [['company', null]];
    if (item.repId !== null) owners.push(['rep', item.repId]);
    if (item.teamId !== null) owners.push(['team', item.teamId]);
    for (const [scope, id] of owners) {
      for (const [grain, period] of [['week', week], ['month', month]]) {
        const key = `${scope}|${id}|${grain}|${period}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** Asserts `counts` equals the KPI rows' `field` for every week and month row (and has nothing else); returns the total. */
function expectCountsOfRows(kpis: readonly Record<string, any>[], field: string, counts: Map<string, number>, context: string): number {
  let checked = 0;
  for (const row of kpis) {
    if (row.grain !== 'week' && row.grain !== 'month') continue;
    const key = `${row.scope}|${row.id}|${row.grain}|${row.period}`;
    expect(counts.get(key) ?? 0, `${context}: ${field} of ${key}`).toBe(row[field]);
    counts.delete(key);
    checked += row[field] as number;
  }
  expect([...counts.keys()], `${context}: ${field} listed where no KPI row is`).toEqual([]);
  return checked;
}

/**
 * Every row of every table but the migrations': the append-only triggers are dropped for the
 * deletes and recreated from their own SQL, exactly as the migrations made them.
 */
async function emptyDatabase(): Promise<void> {
  const master = async (type: string) =>
    (
      await env.DB.prepare(`SELECT name, sql FROM sqlite_master WHERE type = ?1 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'`)
        .bind(type)
        .all<{ name: string; sql: string }>()
    ).results;
  const [tables, triggers] = [await master('table'), await master('trigger')];
  await env.DB.batch([
    ...triggers.map(({ name }) => env.DB.prepare(`DROP TRIGGER "${name}"`)),
    ...tables.map(({ name }) => env.DB.prepare(`DELETE FROM "${name}"`)),
    ...triggers.map(({ sql }) => env.DB.prepare(sql)),
  ]);
}

const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham'];
const BASE_MS = Date.parse('2025-12-20T00:00:00Z');

type Raw = { id: string; type: string; occurred_at: string; data: Record<string, unknown> };

/** A random small history around a year boundary: sales with amendments, refunds (some orphan), rep moves, targets, markets. */
function randomCase(caseNo: number, random: () => number): Raw[] {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Ties on purpose: instants on a coarse grid, so equal occurred_at values happen.
  const at = () => {
    const ms = BASE_MS + Math.floor(random() * 160) * 6 * 3_600_000 + (random() < 0.2 ? 0 : Math.floor(random() * 3_600_000));
    const offset = pick(['Z', '+08:00', '-05:00']);
    const local = new Date(ms + (offset === 'Z' ? 0 : offset === '+08:00' ? 8 : -5) * 3_600_000).toISOString().slice(0, 19);
    return `${local}${offset}`;
  };
  const p = `c${caseNo}_`;
  const reps = [`${p}rA`, `${p}rB`, 'shared_rep'];
  const teams = [`${p}tX`, `${p}tY`, 'shared_team'];
  const customers = [`${p}k1`, `${p}k2`, 'shared_customer', `${p}k3`, `${p}k4`, `${p}k5`];
  const events: Raw[] = [];
  let n = 0;
  const ev = (type: string, data: Record<string, unknown>, occurredAt = at()) => events.push({ id: `${p}e${n++}`, type, occurred_at: occurredAt, data });
  // Team history changes force a full rebuild; most cases have none, so the incremental path runs.
  if (random() < 0.3) {
    for (const rep of reps) if (random() < 0.8) ev('rep.upserted', { rep_id: rep, name: rep, team_id: pick(teams) });
    if (random() < 0.5) ev('rep.upserted', { rep_id: pick(reps), name: 'moved', team_id: pick(teams) });
  }
  const saleIds: string[] = [];
  const saleTimes = new Map<string, string>();
  const sales = 3 + Math.floor(random() * 10);
  for (let i = 0; i < sales; i++) {
    const amends = random() < 0.25 && saleIds.length > 0;
    const saleId = amends ? pick(saleIds) : `${p}s${i}`; // an amendment reuses an earlier sale id
    saleIds.push(saleId);
    const data: Record<string, unknown> = { sale_id: saleId, rep_id: pick(reps), customer_id: pick(customers), amount: `${Math.floor(random() * 100000) / 100}` };
    if (random() < 0.8) data.cost = String(Math.floor(random() * 5000) / 100);
    if (random() < 0.2) data.team_id = pick(teams);
    if (random() < 0.5) data.region = pick(['north', 'south']);
    if (random() < 0.3) data.segment = pick(['smb', 'ent']);
    // Half the amendments share the amended version's occurred_at: the event id breaks the tie.
    ev('sale.closed', data, amends && random() < 0.5 ? saleTimes.get(saleId) : undefined);
    saleTimes.set(saleId, events.at(-1)!.occurred_at);
  }
  for (let i = 0; i < 3; i++) {
    if (random() < 0.6) ev('sale.refunded', { sale_id: random() < 0.8 ? pick(saleIds) : `${p}missing`, amount: `${Math.floor(random() * 3000) / 100}`, ...(random() < 0.5 ? { cost: '1.5' } : {}) });
  }
  if (random() < 0.5) ev('target.set', { scope: 'team', scope_id: pick(teams), metric: 'revenue', period: pick(['2025-12', '2026-01', '2026-Q1']), value: 1000 });
  if (random() < 0.4) ev('market.sized', { period: pick(['2025-12', '2026-01', '2026']), amount: 5000, ...(random() < 0.5 ? { region: 'north' } : {}) });
  // The sales process: opportunities (some never closed, some closed without their opening) and
  // tickets (some resolved, at random instants: a resolution before the opening does not count).
  for (let i = Math.floor(random() * 5); i > 0; i--) {
    const id = `${p}o${i}`;
    if (random() < 0.85) ev('opportunity.opened', { opportunity_id: id, rep_id: pick(reps), ...(random() < 0.7 ? { customer_id: pick(customers) } : {}), ...(random() < 0.5 ? { amount: '120.5' } : {}) });
    if (random() < 0.8) ev('opportunity.closed', { opportunity_id: id, outcome: random() < 0.6 ? 'won' : 'lost', ...(random() < 0.4 ? { amount: '99.99' } : {}) });
  }
  for (let i = Math.floor(random() * 5); i > 0; i--) {
    const id = `${p}t${i}`;
    ev('ticket.opened', { ticket_id: id, customer_id: pick(customers), kind: random() < 0.7 ? 'complaint' : 'service', ...(random() < 0.8 ? { rep_id: pick(reps) } : {}) });
    if (random() < 0.6) ev('ticket.resolved', { ticket_id: id });
  }
  return events;
}

describe('SQL engine against the reference engine', () => {
  // CI runs one round of 30 histories; PROPERTY_ROUNDS=N runs N rounds, each on an emptied database with its own seed.
  const rounds = Math.max(1, Number(env.PROPERTY_ROUNDS) || 1);

  it('agrees on every figure for random histories, orders, batches, redeliveries and recompute points', async () => {
    const modes = new Map<string, number>();
    const count = (mode: string) => modes.set(mode, (modes.get(mode) ?? 0) + 1);
    const processChecked = { complaints: 0, wins: 0 };
    // Appraisal steps taken over from the snapshot before (their lines not read), and built.
    const steps = { reused: 0, built: 0 };
    // KPI blocks named without being built (nothing changed in them since the snapshot before), and built.
    const blocks = { unbuilt: 0, built: 0 };
    const countSteps = (r: { appraisalSteps: { reused: number; of: number }; kpiBlocks: { of: number; unbuilt: number } }) => {
      steps.reused += r.appraisalSteps.reused;
      steps.built += r.appraisalSteps.of - r.appraisalSteps.reused;
      blocks.unbuilt += r.kpiBlocks.unbuilt;
      blocks.built += r.kpiBlocks.of - r.kpiBlocks.unbuilt;
    };
    let cases = 0;
    for (let round = 0; round < rounds; round++) {
      if (round > 0) await emptyDatabase();
      const random = mulberry32(20261126 + round);
      const stored: Raw[] = [];
      for (let caseNo = 0; caseNo < 30; caseNo++, cases++) {
        const events = randomCase(caseNo, random);
        // A zone change rebuilds everything: change it every sixth case only.
        const timezone = ZONES[Math.floor(caseNo / 6) % ZONES.length]!;
        const order = shuffled(events, caseNo + 1);
        // Random batches, some redelivered, with recomputes between some of them.
        for (let i = 0; i < order.length; ) {
          const size = 1 + Math.floor(random() * 6);
          const batch = order.slice(i, i + size);
          expect((await postEvents({ events: batch })).status).toBe(200);
          if (random() < 0.3) expect((await postEvents({ events: batch })).status).toBe(200);
          if (random() < 0.4) {
            const r = (await runRecompute({ ...env, ORG_TIMEZONE: timezone }))!;
            count(r.salesMode);
            countSteps(r);
          }
          i += size;
        }
        stored.push(...events);
        // Sale lines read a few at a time (slices of 1 to 7 lines): the same as the reference's all at once.
        // Customer rows taken over read back in small pages too (a chunk or two at a time).
        const result = await runRecompute({ ...env, ORG_TIMEZONE: timezone }, { linesPerRead: 1 + (caseNo % 7), pageChars: 100 + caseNo * 200 });
        count(result!.salesMode);
        countSteps(result!);
        const snapshot = (await (await read('/v1/snapshot')).json()) as Record<string, any>;
        const reference = buildKpis(typed(stored), { timezone, asOfMs: Date.parse(snapshot.as_of) });
        const context = `round ${round}, case ${caseNo} (${timezone})`;
        expect(snapshot.kpis, context).toEqual(JSON.parse(toExactJson(reference.kpis)));
        expect(snapshot.markets, context).toEqual(JSON.parse(toExactJson(reference.markets)));
        expect(snapshot.pacing, context).toEqual(JSON.parse(toExactJson(reference.pacing)));
        expect(snapshot.data_quality.orphan_refunds, context).toEqual(JSON.parse(toExactJson(reference.orphanRefunds)));
        expect(snapshot.data_quality.unattributed_sales, context).toEqual(JSON.parse(toExactJson(reference.unattributedSales)));
        // Appraisals and commission statements (sales and refund lines, clawbacks) from SQL's resolved sales.
        const appraisals = appraisalsFromEvents(typed(stored), reference.kpis, { policy: POLICY, timezone, asOfMs: Date.parse(snapshot.as_of) });
        expect(appraisals.periods.length, context).toBeGreaterThan(0);
        expect(snapshot.appraisals, context).toEqual(JSON.parse(toExactJson(appraisals)));
        expect(snapshot.customers, context).toEqual(JSON.parse(toExactJson(customersFromEvents(typed(stored), timezone))));
        // Who gained each customer (its first sale's rep and team) adds up to new_customers, scope by scope, week and month.
        const gained = countsByScope(snapshot.customers.rows.map((c: any) => ({ day: c.first_day, teamId: c.first_team_id, repId: c.first_rep_id })));
        const checked = expectCountsOfRows(snapshot.kpis, 'new_customers', gained, context);
        // The sales-process lists: as the shared engine lists them, and adding up to the counts.
        const history = new TeamHistory(eventsOfType(typed(stored), 'rep.upserted'));
        expect(snapshot.sales_process, context).toEqual(JSON.parse(toExactJson(salesProcessLists(typed(stored), timezone, history))));
        const complaints = countsByScope(snapshot.sales_process.complaints.map((c: any) => ({ day: c.opened_day, teamId: c.team_id, repId: c.rep_id })));
        processChecked.complaints += expectCountsOfRows(snapshot.kpis, 'complaints', complaints, context);
        const winsByQuarter = new Map<string, number>();
        for (const win of snapshot.sales_process.wins) {
          const quarter = labelsOfDay(win.closed_day).quarter;
          winsByQuarter.set(quarter, (winsByQuarter.get(quarter) ?? 0) + 1);
          processChecked.wins += 1;
        }
        expect(winsByQuarter, context).toEqual(new Map(snapshot.customers.sales_cycle.quarters.filter((q: any) => q.won > 0).map((q: any) => [q.period, q.won])));
        expect(checked, context).toBeGreaterThan(0);
      }
    }
    console.log(
      `engine property: ${cases} random histories in ${rounds} round(s), all equal to the reference engine; ` +
        `appraisal steps taken over ${steps.reused}, built ${steps.built}; KPI blocks named unbuilt ${blocks.unbuilt}, built ${blocks.built}`,
    );
    expect(blocks.unbuilt).toBeGreaterThan(0);
    expect(blocks.built).toBeGreaterThan(0);
    // Periods were taken over from earlier snapshots, and built: both paths agree with the reference.
    expect(steps.reused).toBeGreaterThan(0);
    expect(steps.built).toBeGreaterThan(steps.reused);
    expect(processChecked.complaints).toBeGreaterThan(10);
    expect(processChecked.wins).toBeGreaterThan(10);
    // Both paths were exercised, the incremental one most.
    expect(modes.get('incremental')).toBeGreaterThan(modes.get('full') ?? 0);
    expect(modes.get('full')).toBeGreaterThan(0);
  }, 180_000 * rounds);

  it('gives the same snapshot incrementally as a full rebuild of the same facts', async () => {
    const incremental = (await runRecompute(env))!;
    // A delta without team history changes: an amendment, a new sale of a known customer, a refund,
    // and a sale tying with a customer's first sale (same instant, smaller sale_id: it becomes first).
    const ev = (id: string, type: string, occurred_at: string, data: Record<string, unknown>) => ({ id, type, occurred_at, data });
    const first = (await env.DB.prepare("SELECT customer_id, occurred_at FROM w_sales WHERE is_first = 1 AND customer_id LIKE 'c2_%' LIMIT 1").first<{ customer_id: string; occurred_at: string }>())!;
    await postEvents({
      events: [
        ev('delta_0', 'sale.closed', first.occurred_at, { sale_id: '0_tie', rep_id: 'shared_rep', customer_id: first.customer_id, amount: 1 }),
        ev('delta_1', 'sale.closed', '2026-01-02T10:00:00Z', { sale_id: 'c0_s0', rep_id: 'shared_rep', customer_id: 'shared_customer', amount: '77.77' }),
        ev('delta_2', 'sale.closed', '2025-12-01T00:00:00Z', { sale_id: 'delta_s', rep_id: 'c1_rA', customer_id: 'shared_customer', amount: 5, cost: 1 }),
        ev('delta_3', 'sale.refunded', '2026-01-05T00:00:00Z', { sale_id: 'delta_s', amount: 2 }),
      ],
    });
    const afterDelta = (await runRecompute(env))!;
    expect(afterDelta.salesMode).toBe('incremental');
    const viaIncremental = await (await read('/v1/snapshot')).json();
    const rebuilt = (await runRecompute(env, { full: true }))!;
    expect(rebuilt.salesMode).toBe('full');
    // Same content, same as_of: the very same snapshot.
    expect(rebuilt.snapshot_id).toBe(afterDelta.snapshot_id);
    expect(await (await read('/v1/snapshot')).json()).toEqual(viaIncremental);
    expect(incremental.snapshot_id).not.toBe(afterDelta.snapshot_id);
  });

  // Five full rebuilds of the property test's histories: seconds each on a busy machine.
  it('splits a full rebuild into statements by customer ranges and still gives the same snapshot', async () => {
    const before = (await runRecompute(env, { full: true }))!;
    const sales = (await env.DB.prepare('SELECT COUNT(*) AS n FROM f_sales').first<{ n: number }>())!.n;
    const customers = (await env.DB.prepare('SELECT COUNT(DISTINCT customer_id) AS n FROM f_sales').first<{ n: number }>())!.n;
    // Sales amended to another customer are among them (their versions name different customers).
    const moved = (await env.DB.prepare('SELECT COUNT(*) AS n FROM (SELECT sale_id FROM f_sales GROUP BY sale_id HAVING COUNT(DISTINCT customer_id) > 1)').first<{ n: number }>())!.n;
    expect(moved).toBeGreaterThan(0);
    const ranges = await customerRanges(env.DB, 40);
    // About 40 sales a statement, whole customers each: several ranges, never more than the sales call for.
    expect(ranges.length).toBeGreaterThan(2);
    expect(ranges.length).toBeLessThanOrEqual(Math.ceil(sales / 40));
    // Contiguous, open at both ends, each taking whole customers: every customer in exactly one.
    expect(ranges[0]!.from).toBeNull();
    expect(ranges.at(-1)!.to).toBeNull();
    ranges.slice(1).forEach((range, i) => expect(range.from).toBe(ranges[i]!.to));
    let covered = 0;
    for (const { from, to } of ranges) {
      const where = [from === null ? null : 'customer_id >= ?1', to === null ? null : 'customer_id < ?2'].filter(Boolean).join(' AND ') || '1 = 1';
      const statement = env.DB.prepare(`SELECT COUNT(DISTINCT customer_id) AS n FROM f_sales WHERE ${where}`);
      const bound = from !== null && to !== null ? statement.bind(from, to) : from !== null ? statement.bind(from) : to !== null ? statement.bind(null, to) : statement;
      const n = (await bound.first<{ n: number }>())!.n;
      expect(n).toBeGreaterThan(0);
      covered += n;
    }
    expect(covered).toBe(customers);
    const chunked = (await runRecompute(env, { full: true, salesPerStatement: 40 }))!;
    expect(chunked.salesMode).toBe('full');
    expect(chunked.snapshot_id).toBe(before.snapshot_id);
    // Large reads (sale lines, refunds, cells) in pages of 7 rows: the same snapshot again.
    const paged = (await runRecompute(env, { full: true, pageRows: 7 }))!;
    expect(paged.snapshot_id).toBe(before.snapshot_id);
    // Sale lines in slices of about 3 (a quarter's reps, whole customers): the same snapshot again.
    const sliced = (await runRecompute(env, { full: true, linesPerRead: 3 }))!;
    expect(sliced.snapshot_id).toBe(before.snapshot_id);
    // GET /v1/snapshot streams the document page by page; with pages of one stored value each
    // (every value is over the 1-character budget) the pieces join to the very same document.
    const served = await (await read('/v1/snapshot')).text();
    const meta = (await snapshotById(env.DB, before.snapshot_id))!;
    const pieces: string[] = [];
    for await (const piece of snapshotDocument(env.DB, meta, meta, 1)) pieces.push(piece);
    expect(pieces.join('')).toBe(served);
    const document = JSON.parse(served) as { kpis: unknown[]; appraisals: { periods: { rows: unknown[] }[] }; customers: { rows: unknown[] } };
    const stored = async (sql: string) => (await env.DB.prepare(sql).bind(before.snapshot_id).first<number>('n'))!;
    // Pages hold whole series: one piece per series (its blocks together).
    const series = await stored('SELECT COUNT(DISTINCT position) AS n FROM snapshot_kpi_blocks WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1)');
    const appraisalValues = await stored('SELECT COUNT(*) AS n FROM snapshot_appraisals WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1)');
    const customerChunks = await stored('SELECT COUNT(*) AS n FROM snapshot_customers WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1)');
    const listChunks = await stored('SELECT COUNT(*) AS n FROM snapshot_lists WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1)');
    expect(series).toBeGreaterThan(9);
    expect(document.appraisals.periods.flatMap((p) => p.rows).length).toBeGreaterThan(0);
    expect(document.customers.rows.length).toBeGreaterThan(0);
    // One piece per stored value plus the layout's six and each period's close: nothing was read twice or merged.
    expect(pieces.length).toBe(6 + series + appraisalValues + document.appraisals.periods.length + customerChunks + listChunks);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM w_sales').first('n')).toBe(
      await env.DB.prepare('SELECT COUNT(DISTINCT sale_id) AS n FROM f_sales').first('n'),
    );
  }, 60_000);
});
