/**
 * `npm start`: the whole Quotient pipeline on this machine, from a fresh clone.
 *
 *  1. secrets      `.dev.vars` (written with development secrets when missing)
 *  2. migrations   local D1 in a fresh `.quotient/d1-demo` (deleted first: reruns start clean)
 *  3. worker       `wrangler dev` on a free port, output in `.quotient/worker.log`
 *  4. demo company a deterministic, realistic history of a small sales organisation
 *  5. ingestion    posted through the real signed webhook endpoint, in batches, with a progress bar
 *  6. recompute    `POST /v1/admin/recompute`
 *  7. payroll run  lock the last complete quarter, then post the sales of its last two days that
 *                  "arrived late": they become adjustment lines in the next open quarter
 *  8. snapshot     `GET /v1/snapshot` saved to `.quotient/snapshot.json`
 *  9. site         `astro build` from that snapshot, then `astro preview` on localhost
 *
 * The Worker keeps running while the site is served, so the API can be tried too. Ctrl-C stops
 * everything this script started.
 *
 * Options (after `npm start --`): `--seed N`, `--now ISO-8601` (end of the demo history; default
 * the current time), `--port N` (site), `--worker-port N`, `--no-serve` (stop after the build).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { DEFAULT_DEMO_SEED, demoHistoryStart, generateDemoCompany } from './demo/generate.ts';
import { payrollRun } from './demo/payroll-run.ts';
import { ensureDevVars, webhookSecret } from './lib/dev-vars.ts';
import { postEvents } from './lib/post-events.ts';
import type { PostEventsTotals } from './lib/post-events.ts';
import { freePort, installCleanup, isStopping, run, spawnTracked, stopChildren, tail, waitForUrl } from './lib/processes.ts';
import { ASTRO, DEV_VARS, ROOT, WRANGLER, formatMs, migrationArgs, toolEnv } from './lib/tools.ts';

const HOST = '127.0.0.1';
const STATE_DIR = join(ROOT, '.quotient');
const PERSIST_DIR = join(STATE_DIR, 'd1-demo');
const WORKER_LOG = join(STATE_DIR, 'worker.log');
const MIGRATIONS_LOG = join(STATE_DIR, 'migrations.log');
const BUILD_LOG = join(STATE_DIR, 'site-build.log');
const PREVIEW_LOG = join(STATE_DIR, 'site-preview.log');
const SNAPSHOT_FILE = join(STATE_DIR, 'snapshot.json');
const STEPS = 9;

/** A failure of one step, with the log that explains it. */
class StepError extends Error {
  readonly logPath: string | undefined;
  constructor(message: string, logPath?: string) {
    super(message);
    this.name = 'StepError';
    this.logPath = logPath;
  }
}

const rel = (path: string): string => relative(process.cwd(), path) || '.';
const count = (n: number): string => n.toLocaleString('en-US');

function step(n: number, name: string, detail: string, ms?: number): void {
  const timing = ms === undefined ? '' : `  (${formatMs(ms)})`;
  console.log(`[${n}/${STEPS}] ${name.padEnd(13)} ${detail}${timing}`);
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      seed: { type: 'string' },
      now: { type: 'string' },
      port: { type: 'string' },
      'worker-port': { type: 'string' },
      serve: { type: 'boolean', default: true },
    },
  });
  const seed = values.seed === undefined ? DEFAULT_DEMO_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new StepError(`--seed must be an integer, got ${values.seed}`);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new StepError(`--now must be an ISO-8601 date-time, got ${values.now}`);
  const env = toolEnv();
  const pipelineStarted = performance.now();
  installCleanup((signal) => {
    if (signal !== 'error') console.log('\nStopping the Worker and the site server...');
  });

  console.log('Quotient: the whole pipeline, locally\n');

  // 1. Secrets.
  const devVars = ensureDevVars(DEV_VARS);
  const { source, secret } = webhookSecret(devVars.vars);
  const readToken = devVars.vars.READ_TOKEN as string;
  const adminToken = devVars.vars.ADMIN_TOKEN as string;
  const secretsNote = devVars.created ? 'written with fresh development secrets' : devVars.added.length > 0 ? `completed (${devVars.added.join(', ')})` : 'existing file';
  step(1, 'secrets', `${rel(DEV_VARS)}: ${secretsNote}; signing as source "${source}"`);

  // 2. Migrations into a fresh persistence directory.
  rmSync(PERSIST_DIR, { recursive: true, force: true });
  mkdirSync(STATE_DIR, { recursive: true });
  for (const log of [WORKER_LOG, MIGRATIONS_LOG, BUILD_LOG, PREVIEW_LOG]) writeFileSync(log, '');
  // No banner: it would also check npm for a wrangler update, seconds lost offline.
  const migrationEnv = { ...env, WRANGLER_HIDE_BANNER: 'true' };
  const migrations = await timed(() => run(process.execPath, [WRANGLER, ...migrationArgs(PERSIST_DIR)], { cwd: ROOT, env: migrationEnv, logPath: MIGRATIONS_LOG }));
  if (migrations.value !== 0) throw new StepError(`applying the D1 migrations failed (wrangler exited with ${migrations.value})`, MIGRATIONS_LOG);
  step(2, 'migrations', `applied to local D1 in ${rel(PERSIST_DIR)}`, migrations.ms);

  // 3. The Worker.
  const workerPort = values['worker-port'] === undefined ? await freePort(HOST) : Number(values['worker-port']);
  const workerUrl = `http://${HOST}:${workerPort}`;
  const worker = await timed(async () => {
    const child = spawnTracked(
      process.execPath,
      [WRANGLER, 'dev', '--local', '--ip', HOST, '--port', String(workerPort), '--persist-to', PERSIST_DIR, '--test-scheduled'],
      { cwd: ROOT, env, logPath: WORKER_LOG },
    );
    try {
      await waitForUrl(`${workerUrl}/v1/health`, {
        timeoutMs: 90_000,
        child,
        what: 'the Worker (wrangler dev)',
        ready: (response, body) => response.ok && isHealthy(body),
      });
    } catch (error) {
      throw new StepError(error instanceof Error ? error.message : String(error), WORKER_LOG);
    }
    return child;
  });
  step(3, 'worker', `${workerUrl} is healthy; log: ${rel(WORKER_LOG)}`, worker.ms);

  // 4. The demo company.
  const generated = await timed(() => generateDemoCompany({ seed, now }));
  const events = generated.value;
  const payroll = payrollRun(events, now);
  const from = demoHistoryStart(now).toISOString().slice(0, 10);
  step(4, 'demo company', `${count(events.length)} events (seed ${seed}, ${from} to ${now.toISOString().slice(0, 16)}Z)`, generated.ms);

  // 5. Ingestion through the signed endpoint.
  step(5, 'ingestion', `POST ${workerUrl}/v1/events, ${count(payroll.onTime.length)} events in batches of 500 (${count(payroll.late.length)} late ones follow in step 7)`);
  let totals: PostEventsTotals;
  try {
    totals = await ingest(workerUrl, secret, payroll.onTime);
  } catch (error) {
    throw new StepError(`posting the events failed: ${error instanceof Error ? error.message : String(error)}`, WORKER_LOG);
  }
  const rate = totals.events / (totals.elapsedMs / 1000);
  console.log(
    `      accepted ${count(totals.accepted)}, duplicates ${count(totals.duplicates)}, conflicts ${count(totals.conflicts.length)}; ` +
      `${count(totals.requests)} requests (${totals.retries} retried) in ${formatMs(totals.elapsedMs)}: ${count(Math.round(rate))} events/s`,
  );
  if (totals.conflicts.length > 0) {
    console.log(`      first conflicts: ${totals.conflicts.slice(0, 5).map((c) => c.id).join(', ')} (a stored event with the same id differs)`);
  }

  // 6. Recompute.
  const recompute = await timed(() => adminRecompute(workerUrl, adminToken));
  const r = recompute.value;
  step(6, 'recompute', `snapshot ${r.snapshot_id} as of ${r.as_of} (Worker: ${formatMs(r.duration_ms)})`, recompute.ms);

  // 7. Payroll run: lock the last complete quarter, then the late sales arrive.
  const locked = await timed(async () => {
    await adminPost(workerUrl, adminToken, `/v1/admin/periods/${payroll.quarter}/lock`, { by: 'npm start', reason: `${payroll.quarter} commission payroll run (demo)` });
    const late = await postEvents({ baseUrl: workerUrl, secret, events: payroll.late, batchSize: 500, concurrency: 1 });
    return { late, recompute: await adminRecompute(workerUrl, adminToken) };
  });
  step(
    7,
    'payroll run',
    `${payroll.quarter} locked; ${count(locked.value.late.accepted)} late sales of its last days posted afterwards: adjustment lines in the next open quarter (snapshot ${locked.value.recompute.snapshot_id})`,
    locked.ms,
  );

  // 8. Snapshot.
  const snapshot = await timed(() => downloadSnapshot(workerUrl, readToken));
  step(8, 'snapshot', `${rel(SNAPSHOT_FILE)} (${(snapshot.value / 1024).toFixed(0)} KiB)`, snapshot.ms);

  // 9. The site.
  const built = await timed(() => run(process.execPath, [ASTRO, 'build'], { cwd: ROOT, env: { ...env, SNAPSHOT_FILE }, logPath: BUILD_LOG }));
  if (built.value !== 0) throw new StepError(`astro build failed (exit code ${built.value})`, BUILD_LOG);
  const pages = countHtml(join(ROOT, 'dist'));
  step(9, 'site', `${pages === null ? 'built' : `${count(pages)} page${pages === 1 ? '' : 's'} built`} (SNAPSHOT_FILE=${rel(SNAPSHOT_FILE)}); log: ${rel(BUILD_LOG)}`, built.ms);
  console.log(`\nPipeline done in ${formatMs(performance.now() - pipelineStarted)}.`);

  if (!values.serve) {
    await stopChildren();
    return;
  }

  const sitePort = values.port === undefined ? await freePort(HOST) : Number(values.port);
  const siteUrl = `http://${HOST}:${sitePort}/`;
  const preview = spawnTracked(process.execPath, [ASTRO, 'preview', '--host', HOST, '--port', String(sitePort)], {
    cwd: ROOT,
    env,
    logPath: PREVIEW_LOG,
  });
  try {
    await waitForUrl(siteUrl, { timeoutMs: 30_000, child: preview, what: 'the site server (astro preview)' });
  } catch (error) {
    throw new StepError(error instanceof Error ? error.message : String(error), PREVIEW_LOG);
  }

  const readTokenCmd = `$(sed -n 's/^READ_TOKEN=//p' ${rel(DEV_VARS)})`;
  console.log(
    [
      '',
      `  Site:    ${siteUrl}`,
      `  Worker:  ${workerUrl}   (log: ${rel(WORKER_LOG)})`,
      `  Tokens:  READ_TOKEN, ADMIN_TOKEN and WEBHOOK_SECRETS are in ${rel(DEV_VARS)}`,
      `  Try:     curl -H "Authorization: Bearer ${readTokenCmd}" "${workerUrl}/v1/kpis?scope=company&grain=month"`,
      '',
      'Press Ctrl-C to stop the site and the Worker.',
    ].join('\n'),
  );

  // Serve until Ctrl-C (installCleanup stops the children) or until a child dies on its own.
  await new Promise<void>((_, reject) => {
    const died = (what: string, log: string) => (code: number | null) => {
      if (!isStopping()) reject(new StepError(`${what} exited unexpectedly (code ${code})`, log));
    };
    worker.value.once('exit', died('the Worker', WORKER_LOG));
    preview.once('exit', died('the site server', PREVIEW_LOG));
  });
}

function isHealthy(body: string): boolean {
  try {
    return (JSON.parse(body) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

async function ingest(workerUrl: string, secret: string, events: readonly unknown[]): Promise<PostEventsTotals> {
  const bar = new cliProgress.SingleBar(
    {
      format: '      {bar} {percentage}% | {value}/{total} events | {rate} events/s | {duration_formatted}',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let done = 0;
  bar.start(events.length, 0, { rate: '0' });
  try {
    return await postEvents({
      baseUrl: workerUrl,
      secret,
      events,
      batchSize: 500,
      concurrency: 3,
      onBatch: ({ events: n }) => {
        done += n;
        const seconds = (performance.now() - started) / 1000;
        bar.update(done, { rate: count(Math.round(done / Math.max(seconds, 0.001))) });
      },
      onRetry: ({ attempt, reason }) => {
        process.stderr.write(`\n      retry ${attempt}: ${reason.split('\n')[0]}\n`);
      },
    });
  } finally {
    bar.stop();
  }
}

async function adminRecompute(workerUrl: string, adminToken: string): Promise<{ snapshot_id: string; as_of: string; duration_ms: number }> {
  const response = await fetch(`${workerUrl}/v1/admin/recompute`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
    signal: AbortSignal.timeout(10 * 60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new StepError(`POST /v1/admin/recompute answered HTTP ${response.status}:\n${text}`, WORKER_LOG);
  const body = JSON.parse(text) as { snapshot_id: string; as_of: string; duration_ms: number };
  if (typeof body.snapshot_id !== 'string') throw new StepError(`unexpected answer from /v1/admin/recompute: ${text.slice(0, 500)}`, WORKER_LOG);
  return body;
}

/** An admin POST with a JSON body; its answer, or a StepError with the problem. */
async function adminPost(workerUrl: string, adminToken: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${workerUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10 * 60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new StepError(`POST ${path} answered HTTP ${response.status}:\n${text}`, WORKER_LOG);
  return JSON.parse(text);
}

/** Save the latest snapshot as served (byte for byte); returns its size in bytes. */
async function downloadSnapshot(workerUrl: string, readToken: string): Promise<number> {
  const response = await fetch(`${workerUrl}/v1/snapshot`, {
    headers: { authorization: `Bearer ${readToken}` },
    signal: AbortSignal.timeout(5 * 60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new StepError(`GET /v1/snapshot answered HTTP ${response.status}:\n${text.slice(0, 2000)}`, WORKER_LOG);
  try {
    JSON.parse(text);
  } catch {
    throw new StepError(`GET /v1/snapshot did not answer JSON: ${text.slice(0, 500)}`, WORKER_LOG);
  }
  writeFileSync(SNAPSHOT_FILE, text);
  return Buffer.byteLength(text);
}

/** Number of .html files under a directory, or null when it does not exist. */
function countHtml(dir: string): number | null {
  try {
    if (!statSync(dir).isDirectory()) return null;
  } catch {
    return null;
  }
  let n = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) if (entry.isFile() && entry.name.endsWith('.html')) n++;
  return n;
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    if (isStopping()) return; // Ctrl-C: installCleanup is stopping the children and will exit.
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof StepError && error.logPath) {
      const lines = tail(error.logPath, 40);
      console.error(`\nLast lines of ${rel(error.logPath)}:\n${lines === '' ? '(empty)' : lines}`);
    } else if (error instanceof Error && !(error instanceof StepError) && error.stack) {
      console.error(error.stack);
    }
    await stopChildren();
    process.exit(1);
  },
);
