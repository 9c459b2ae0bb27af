/**
 * `npm run bench`: ingestion and recompute figures of the real Worker on local D1, next to raw
 * SQLite (Node's built-in node:sqlite) on the same machine in the same run.
 *
 *   npm run bench -- [--events 100000,1000000] [--delta 1000] [--runs 3] [--timeout-s 600]
 *   npm run bench -- --again [--delta 1000] [--runs 3]
 *
 * Prints, for each size: ingestion events/s (signed batches of 500) vs raw SQLite inserts of the
 * same rows; full recompute time (`?full=true`: every fact re-resolved and re-aggregated) vs a
 * bare SQLite GROUP BY over the same sales; then the incremental recompute after a delta of the
 * last day's sales on the largest size, `--runs` times (a new delta each) and their median. Targets (issue 3): ingestion >= 25%
 * of raw; full recompute <= 3x the GROUP BY; incremental <= 5% of full. Each recompute also
 * prints where its time went (the Worker's log line) and workerd's peak resident memory during it
 * next to its size after ingestion (a deployed Worker may use 128 MB; local workerd does not stop
 * it, and the figure holds D1's SQLite too: an upper bound on what the isolate needs).
 *
 * `--again` keeps the database the last run left (.quotient/bench) and times more
 * incremental recomputes after new deltas, against that run's full recompute: a minute or two
 * instead of the half hour that ingesting a million events again takes, for working on the
 * incremental path (migrations added since are applied first).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../../shared/json/exact-number.ts';
import { parseMoneyUnits } from '../../shared/money.ts';
import { localDay } from '../../shared/period.ts';
import { ensureDevVars, webhookSecret } from '../lib/dev-vars.ts';
import { postEvents } from '../lib/post-events.ts';
import { peakWorkerdRss, workerdRss } from '../lib/peak-memory.ts';
import { freePort, installCleanup, run, spawnTracked, stopChildren, waitForUrl } from '../lib/processes.ts';
import { DEV_VARS, ROOT, WRANGLER, formatMs, migrationArgs, toolEnv } from '../lib/tools.ts';
import { dimensionEvents, salesEvents } from './synthetic-company.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000,1000000' },
    delta: { type: 'string', default: '1000' },
    'timeout-s': { type: 'string', default: '600' },
    again: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
  },
});
const sizes = values.events.split(',').map(Number).sort((a, b) => a - b);
const delta = Number(values.delta);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const timeoutMs = Number(values['timeout-s']) * 1000;
const END_MS = Date.parse('2026-11-01T00:00:00Z');
const HOST = '127.0.0.1';
const STATE = join(ROOT, '.quotient', 'bench');
const PERSIST = join(STATE, 'd1');
const MIGRATIONS = join(ROOT, 'worker', 'db', 'migrations');
/** What the next `--again` run needs: the sales stored, the deltas posted, the last full recompute. */
const RUN_STATE = join(STATE, 'run-state.json');
interface RunState {
  stored: number;
  deltas: number;
  lastFullMs: number | null;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

const recomputeLines = (): string[] => readFileSync(join(STATE, 'worker.log'), 'utf8').split('\n').filter((l) => l.includes('recompute ('));

/**
 * The Worker's log line of the recompute after the `seen`-th: where the time went, and its
 * slowest SQL statement (waits a moment for the log to be written).
 */
async function recomputeLog(seen: number): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const lines = recomputeLines();
    if (lines.length > seen) return lines[seen]!.replace(/^.*?recompute \(/, '(');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return '(no line of this recompute in the Worker log)';
}
const fmt = (n: number) => n.toLocaleString('en-US');
const MB = 1024 * 1024;

const mb = (bytes: number) => `${fmt(Math.round(bytes / MB))} MB`;

/** Raw SQLite: the same event rows into the same schema, 12 rows per INSERT, 500 per transaction. */
function rawInsertRate(events: readonly object[]): number {
  const db = new DatabaseSync(join(STATE, 'raw.sqlite'));
  for (const file of readdirSync(MIGRATIONS).sort()) db.exec(readFileSync(join(MIGRATIONS, file), 'utf8'));
  const rowsPer = 12;
  const insert = db.prepare(`INSERT INTO events (id, type, occurred_ms, source, webhook_id, received_ms, content_hash, body) VALUES ${Array(rowsPer).fill('(?,?,?,?,?,?,?,?)').join(',')}`);
  const single = db.prepare('INSERT INTO events (id, type, occurred_ms, source, webhook_id, received_ms, content_hash, body) VALUES (?,?,?,?,?,?,?,?)');
  const rows = events.map((e) => {
    const body = canonicalJson(e);
    const { id, type, occurred_at } = e as { id: string; type: string; occurred_at: string };
    return [id, type, Date.parse(occurred_at), 'bench', 'msg', Date.now(), createHash('sha256').update(body).digest('hex'), body];
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    db.exec('BEGIN');
    const batch = rows.slice(i, i + 500);
    let j = 0;
    for (; j + rowsPer <= batch.length; j += rowsPer) insert.run(...(batch.slice(j, j + rowsPer).flat() as (string | number)[]));
    for (; j < batch.length; j++) single.run(...(batch[j] as (string | number)[]));
    db.exec('COMMIT');
  }
  const ms = performance.now() - started;
  db.close();
  return rate(rows.length, ms);
}

/** Bare GROUP BY: net sales by team and month over typed rows of the same sales. */
function bareGroupByMs(events: readonly object[]): number {
  const db = new DatabaseSync(join(STATE, 'groupby.sqlite'));
  db.exec('DROP TABLE IF EXISTS sales; CREATE TABLE sales (rep_id TEXT, team_id TEXT, customer_id TEXT, amount_units INTEGER, cost_units INTEGER, day TEXT)');
  const insert = db.prepare('INSERT INTO sales VALUES (?,?,?,?,?,?)');
  db.exec('BEGIN');
  for (const e of events as { type: string; occurred_at: string; data: Record<string, string> }[]) {
    if (e.type !== 'sale.closed') continue;
    const rep = e.data.rep_id!;
    insert.run(rep, `team_${Number(rep.slice(4)) % 20}`, e.data.customer_id!, String(parseMoneyUnits(e.data.amount)), String(parseMoneyUnits(e.data.cost)), localDay(Date.parse(e.occurred_at), 'UTC'));
  }
  db.exec('COMMIT');
  const started = performance.now();
  db.prepare(
    `SELECT team_id, substr(day, 1, 7) AS month, SUM(amount_units), SUM(cost_units), COUNT(*), COUNT(DISTINCT customer_id)
     FROM sales GROUP BY team_id, month`,
  ).all();
  const ms = performance.now() - started;
  db.close();
  return ms;
}

async function main(): Promise<void> {
  installCleanup();
  const previous: RunState | null = values.again ? (JSON.parse(readFileSync(RUN_STATE, 'utf8')) as RunState) : null;
  if (!previous) {
    rmSync(STATE, { recursive: true, force: true });
    mkdirSync(STATE, { recursive: true });
  }
  const env = toolEnv({ WRANGLER_HIDE_BANNER: 'true' });
  const vars = ensureDevVars(DEV_VARS).vars;
  const { secret } = webhookSecret(vars);
  if ((await run(process.execPath, [WRANGLER, ...migrationArgs(PERSIST)], { cwd: ROOT, env, logPath: join(STATE, 'migrations.log') })) !== 0) {
    throw new Error(`migrations failed: see ${join(STATE, 'migrations.log')}`);
  }
  const port = await freePort(HOST);
  const base = `http://${HOST}:${port}`;
  const worker = spawnTracked(process.execPath, [WRANGLER, 'dev', '--local', '--ip', HOST, '--port', String(port), '--persist-to', PERSIST], {
    cwd: ROOT,
    env,
    logPath: join(STATE, 'worker.log'),
  });
  await waitForUrl(`${base}/v1/health`, { timeoutMs: 90_000, child: worker, what: 'the Worker' });
  console.log(`Quotient engine benchmark (Worker on local D1 at ${base}; log ${join(STATE, 'worker.log')})\n`);

  type Timed = { ms: number; workerMs: number; peakBytes: number } | { error: string };
  const recompute = async (full: boolean): Promise<Timed> => {
    const { result, peakBytes } = await peakWorkerdRss(worker.pid!, () => timedRecompute(full));
    return 'error' in result ? result : { ...result, peakBytes };
  };
  const timedRecompute = async (full: boolean): Promise<{ ms: number; workerMs: number } | { error: string }> => {
    const started = performance.now();
    try {
      const response = await fetch(`${base}/v1/admin/recompute${full ? '?full=true' : ''}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${vars.ADMIN_TOKEN}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) return { error: `HTTP ${response.status}: ${text.slice(0, 300)}` };
      return { ms: performance.now() - started, workerMs: (JSON.parse(text) as { duration_ms: number }).duration_ms };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };

  const dims = dimensionEvents(END_MS);
  if (!previous) await postEvents({ baseUrl: base, secret, events: dims, batchSize: 500, concurrency: 4 });
  let stored = previous?.stored ?? 0;
  const lines: string[] = [];
  let lastFullMs: number | null = previous?.lastFullMs ?? null;
  if (previous) {
    // Bring the database up to date with this code first (it may have been left by older code).
    const first = await recompute(false);
    if ('error' in first) throw new Error(`recompute before the delta failed: ${first.error}`);
    console.log(`again: ${fmt(stored)} sales stored; against the full recompute of the run that stored them (${lastFullMs === null ? 'none' : formatMs(lastFullMs)})`);
  }
  for (const size of previous ? [] : sizes) {
    const events = [...salesEvents(size - stored, { start: stored, endMs: END_MS })];
    const posted = await postEvents({ baseUrl: base, secret, events, batchSize: 500, concurrency: 4 });
    const ingestRate = rate(events.length, posted.elapsedMs);
    const all = [...salesEvents(size, { start: 0, endMs: END_MS })];
    const rawRate = rawInsertRate(all);
    rmSync(join(STATE, 'raw.sqlite'), { force: true });
    stored = size;
    const groupByMs = bareGroupByMs(all);
    const idleBytes = workerdRss(worker.pid!);
    const first = await recompute(false); // brings everything up to date (incremental over the new facts)
    const seen = recomputeLines().length;
    const full = await recompute(true); // then the timed full rebuild from every stored fact
    const printedFrom = lines.length;
    lines.push(`${fmt(size)} sales events (+${fmt(dims.length)} teams, reps, targets)`);
    lines.push(`  ingestion     ${fmt(ingestRate)} events/s (${fmt(events.length)} posted in ${formatMs(posted.elapsedMs)})  vs raw SQLite ${fmt(rawRate)} rows/s  = ${((ingestRate / rawRate) * 100).toFixed(1)}% (target >= 25%)`);
    if ('error' in full) {
      lines.push(`  full recompute FAILED: ${full.error}`);
      lastFullMs = null;
    } else {
      lines.push(`  full recompute ${formatMs(full.ms)} (Worker: ${formatMs(full.workerMs)})  vs bare GROUP BY ${formatMs(groupByMs)}  = ${(full.ms / groupByMs).toFixed(1)}x (target <= 3x)`);
      lines.push(`    ${await recomputeLog(seen)}`);
      if (idleBytes > 0 && !('error' in first)) {
        lines.push(`    memory: workerd resident ${mb(idleBytes)} after ingestion; peak ${mb(first.peakBytes)} in the first recompute, ${mb(full.peakBytes)} in the full one (a deployed Worker may use 128 MB)`);
      }
      lastFullMs = full.ms;
    }
    console.log(lines.slice(printedFrom).join('\n'));
  }

  // The delta a cron run sees: sales of the last day. Timed `runs` times, each after a delta of
  // its own: on a shared machine one run can take half as long again as the next.
  const times: number[] = [];
  const incrementalLines: string[] = [];
  let deltas = previous?.deltas ?? 0;
  for (let i = 0; i < runs; i++) {
    deltas++;
    const more = [...salesEvents(delta, { start: stored, seed: 1 + deltas, endMs: END_MS, spanMs: 86_400_000 })];
    await postEvents({ baseUrl: base, secret, events: more, batchSize: 500, concurrency: 4 });
    const seen = recomputeLines().length;
    const incremental = await recompute(false);
    const line =
      'error' in incremental
        ? `incremental after ${fmt(delta)} events: FAILED: ${incremental.error}`
        : `incremental after ${fmt(delta)} events on ${fmt(stored)}: ${formatMs(incremental.ms)}` +
          (lastFullMs === null ? '' : `  = ${((incremental.ms / lastFullMs) * 100).toFixed(1)}% of full (target <= 5%)`);
    const detail = 'error' in incremental ? '' : `\n  ${await recomputeLog(seen)}` + (incremental.peakBytes > 0 ? `\n  memory: workerd peak ${mb(incremental.peakBytes)} resident` : '');
    console.log(line + detail);
    incrementalLines.push(line + detail);
    stored += delta;
    if (!('error' in incremental)) times.push(incremental.ms);
  }
  if (times.length > 1) {
    const sorted = [...times].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    const summary =
      `incremental, median of ${times.length} runs (${times.map(formatMs).join(', ')}): ${formatMs(median)}` +
      (lastFullMs === null ? '' : `  = ${((median / lastFullMs) * 100).toFixed(1)}% of full (target <= 5%)`);
    console.log(summary);
    incrementalLines.push(summary);
  }
  writeFileSync(join(STATE, 'results.txt'), [...lines, ...incrementalLines].join('\n') + '\n');
  writeFileSync(RUN_STATE, JSON.stringify({ stored, deltas, lastFullMs } satisfies RunState));
  await stopChildren();
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await stopChildren();
    process.exit(1);
  },
);
