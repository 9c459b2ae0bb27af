/**
 * `npm run bench:memory`: the smallest JavaScript heap a full recompute of the bench's synthetic
 * company completes in. A deployed Worker may use 128 MB; local workerd does not enforce it, and
 * its resident size (`npm run bench`) holds D1's SQLite too. So this runs the Worker's own
 * recompute (`runRecompute`, unchanged) in Node, against local D1 through wrangler's
 * `getPlatformProxy`, in child processes started with `--max-old-space-size=N`, and searches for
 * the smallest N that completes (steps of 8 MB). Each attempt starts from a copy of the same
 * stored events. The child's own heap before the recompute (wrangler's proxy, the modules) is
 * measured after a full GC and subtracted: what is left is what the recompute itself needs.
 *
 *   npm run bench:memory -- [--events 100000] [--max-mb 1024]
 *
 * Node lacks Workers' `crypto.DigestStream`; the child adds a stand-in over `node:crypto` (the
 * digest is the same SHA-256, hashed in the same chunks).
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { run, tail } from '../lib/processes.ts';
import { ensureDevVars } from '../lib/dev-vars.ts';
import { DEV_VARS, ROOT, WRANGLER, migrationArgs, toolEnv } from '../lib/tools.ts';

const STEP_MB = 8;
const STATE = join(ROOT, '.quotient', 'bench-memory');
const END_MS = Date.parse('2026-11-01T00:00:00Z');

/** What a child prints on its last line when the recompute completed. */
interface Attempt {
  baseBytes: number;
  ms: number;
  salesMode: string;
}

/** V8's heap sizes (`--max-old-space-size`) are in units of 2^20 bytes; so are the figures printed. */
const MB = 1 << 20;
const mb = (bytes: number): string => `${Math.round(bytes / MB)} MB`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      'max-mb': { type: 'string', default: '1024' },
      // Internal: the child processes.
      seed: { type: 'string' },
      attempt: { type: 'string' },
    },
  });
  if (values.seed !== undefined) return seedChild(values.seed, Number(values.events));
  if (values.attempt !== undefined) return attemptChild(values.attempt);

  const events = Number(values.events);
  const maxMb = Number(values['max-mb']);
  if (!Number.isInteger(events) || events <= 0) throw new Error(`--events: expected a positive whole number, got ${values.events}`);
  ensureDevVars(DEV_VARS);
  mkdirSync(STATE, { recursive: true });
  const seeded = join(STATE, `events-${events}`);
  const log = join(STATE, 'child.log');
  console.log(`Recompute heap benchmark: Node ${process.version}; ${events.toLocaleString('en-US')} sales of the synthetic company (20 teams, 200 reps)`);
  const migrate = async () => {
    if ((await run(process.execPath, [WRANGLER, ...migrationArgs(seeded)], { cwd: ROOT, env: toolEnv(), logPath: log })) !== 0) {
      throw new Error(`migrations failed; last lines of ${log}:\n${tail(log)}`);
    }
  };
  if (!existsSync(join(seeded, 'done'))) {
    rmSync(seeded, { recursive: true, force: true });
    const started = performance.now();
    await migrate();
    if ((await run(process.execPath, [import.meta.filename, '--seed', seeded, '--events', String(events)], { cwd: ROOT, env: toolEnv(), logPath: log })) !== 0) {
      throw new Error(`storing the events failed; last lines of ${log}:\n${tail(log)}`);
    }
    console.log(`  stored the events in local D1 (${seeded}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } else {
    // Events stored by an earlier run: only migrations added since are applied.
    await migrate();
  }

  // A cap far below what the recompute needs can also break wrangler's proxy itself (a failed
  // assertion in its messages) before V8 reports the heap exhausted. Below a cap that completed,
  // such a failure counts as not completing, and its first error line is printed; at the first,
  // roomy cap any failure is a real one and stops the benchmark.
  let completedOnce = false;
  const attempt = async (heapMb: number): Promise<Attempt | null> => {
    const copy = join(STATE, 'attempt');
    rmSync(copy, { recursive: true, force: true });
    cpSync(seeded, copy, { recursive: true });
    const code = await run(process.execPath, [`--max-old-space-size=${heapMb}`, '--expose-gc', import.meta.filename, '--attempt', copy], {
      cwd: ROOT,
      env: toolEnv(),
      logPath: log,
    });
    const last = tail(log, 1).trim();
    const result = code === 0 && last.startsWith('{') ? (JSON.parse(last) as Attempt) : null;
    const outOfMemory = !result && tail(log, 40).includes('heap out of memory');
    if (!result && !outOfMemory && !completedOnce) throw new Error(`the recompute failed (not for memory); last lines of ${log}:\n${tail(log)}`);
    const failure = tail(log, 40).split('\n').find((line) => /Error/.test(line))?.trim() ?? 'failed';
    console.log(`  heap ${String(heapMb).padStart(4)} MB: ${result ? `completed in ${(result.ms / 1000).toFixed(1)} s` : outOfMemory ? 'out of memory' : `did not complete (${failure})`}`);
    if (result) completedOnce = true;
    return result;
  };

  const roomy = await attempt(maxMb);
  if (!roomy) throw new Error(`the recompute did not complete even in ${maxMb} MB (see ${log})`);
  let fits = maxMb;
  let fails = Math.floor(roomy.baseBytes / MB / STEP_MB) * STEP_MB;
  let best = roomy;
  while (fits - fails > STEP_MB) {
    const middle = Math.round((fits + fails) / 2 / STEP_MB) * STEP_MB;
    const result = await attempt(middle);
    if (result) {
      fits = middle;
      best = result;
    } else fails = middle;
  }
  const needed = fits * MB - best.baseBytes;
  console.log(
    `\nfull recompute of ${events.toLocaleString('en-US')} sales: completes in a heap of ${fits} MB, not in ${fails} MB; ` +
      `the harness holds ${mb(best.baseBytes)} before it starts, so the recompute needs about ${mb(needed)} ` +
      `(a deployed Worker may use 128 MB in all)`,
  );
  return 0;
}

/** Child: stores the synthetic company's events through the Worker's own storeEvents. */
async function seedChild(dir: string, count: number): Promise<number> {
  const { getPlatformProxy } = await import('wrangler');
  const { storeEvents } = await import('../../worker/ingest/store-events.ts');
  const { validateEvent } = await import('../../shared/events/validate.ts');
  const { parseJsonExact } = await import('../../shared/json/exact-number.ts');
  const { dimensionEvents, salesEvents } = await import('./synthetic-company.ts');
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: join(dir, 'v3') } });
  let batch: Parameters<typeof storeEvents>[1][number][] = [];
  let n = 0;
  const flush = async () => {
    await storeEvents(env.DB, batch, { source: 'bench', webhookId: `bench_${n}`, receivedMs: END_MS + n });
    batch = [];
  };
  for (const raw of [...dimensionEvents(END_MS), ...salesEvents(count, { endMs: END_MS })]) {
    const decoded = parseJsonExact(JSON.stringify(raw)) as Record<string, unknown>;
    const result = validateEvent(decoded, { currency: 'USD' });
    if (!result.ok) throw new Error(`synthetic event does not validate: ${JSON.stringify(result.errors)}`);
    batch.push({ raw: decoded, event: result.event });
    if (batch.length === 500) await flush();
    n++;
  }
  if (batch.length > 0) await flush();
  await dispose();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'done'), `${n}\n`);
  return 0;
}

/** Child: one full recompute in whatever heap this process was given; prints an {@link Attempt}. */
async function attemptChild(dir: string): Promise<number> {
  const { createHash } = await import('node:crypto');
  // Workers' streaming digest, which Node lacks: the same SHA-256 over the same chunks.
  (crypto as unknown as { DigestStream: unknown }).DigestStream = class extends WritableStream<Uint8Array> {
    digest: Promise<ArrayBuffer>;
    constructor(_algorithm: string) {
      const hash = createHash('sha256');
      let resolve!: (digest: ArrayBuffer) => void;
      const digest = new Promise<ArrayBuffer>((r) => (resolve = r));
      super({
        write: (chunk) => void hash.update(chunk),
        close: () => {
          const bytes = hash.digest();
          resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
        },
      });
      this.digest = digest;
    }
  };
  const { getPlatformProxy } = await import('wrangler');
  const { runRecompute } = await import('../../worker/recompute/run-recompute.ts');
  const { PhaseTimer } = await import('../../worker/recompute/phase-timer.ts');
  // Each phase as it ends, so a run that dies shows where.
  const mark = PhaseTimer.prototype.mark;
  PhaseTimer.prototype.mark = function (name: string) {
    mark.call(this, name);
    console.log(`phase done: ${name}`);
  };
  const { env, dispose } = await getPlatformProxy<Parameters<typeof runRecompute>[0]>({ persist: { path: join(dir, 'v3') } });
  (globalThis as { gc?: () => void }).gc?.();
  const baseBytes = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = await runRecompute(env, { full: true, nowMs: END_MS });
  const ms = performance.now() - started;
  await dispose();
  if (!result) throw new Error('the recompute lease was held');
  console.log(JSON.stringify({ baseBytes, ms, salesMode: result.salesMode } satisfies Attempt));
  return 0;
}

process.exitCode = await main();
