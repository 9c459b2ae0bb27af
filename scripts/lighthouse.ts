/**
 * `npm run lighthouse`: Lighthouse 12.2.3 on the executive dashboard in Debian's Chromium, and
 * what the dashboard weighs over the wire.
 *
 *  1. site     built from SNAPSHOT_FILE (default: the test fixture) into a temporary directory,
 *              or an existing build with `--dist DIR` (e.g. `--dist dist` after `npm start -- --no-serve`)
 *  2. serve    the tiny static server on a loopback port, gzipping text as static hosts do
 *  3. audit    Lighthouse (CLI, CHROME_PATH=/usr/bin/chromium, headless, no sandbox) with its
 *              mobile defaults and its desktop preset; reports in test-artifacts/lighthouse/
 *  4. print    the four category scores, and the page's total transfer size by resource type
 *
 * Targets (issue 4): performance 100, accessibility at least 98, dashboard at most 100 KB
 * gzipped in total (HTML + CSS + JS + images). `--check` exits 1 when one is missed.
 * Other options: `--path /teams/x/` (another page), `--preset mobile|desktop|both` (default both).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, requireChromium } from './lib/chromium.ts';
import { run, tail } from './lib/processes.ts';
import { scratchDir } from './lib/scratch.ts';
import { serveStatic } from './lib/static-server.ts';
import { ASTRO, ROOT, formatMs, toolEnv } from './lib/tools.ts';

const LIGHTHOUSE = join(ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'snapshot.json');
const REPORTS = join(ROOT, 'test-artifacts', 'lighthouse');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGETS = { performance: 100, accessibility: 98 } as const;
/** 100 KB, in bytes (kB = 1000 bytes). */
const WEIGHT_TARGET_BYTES = 100_000;

interface Report {
  categories: Record<string, { title: string; score: number | null }>;
  audits: Record<
    string,
    {
      id: string;
      title: string;
      score: number | null;
      scoreDisplayMode: string;
      numericValue?: number;
      displayValue?: string;
      details?: { items?: { url?: string; resourceType?: string; transferSize?: number; resourceSize?: number; statusCode?: number }[] };
    }
  >;
  runtimeError?: { code: string; message: string };
  /** Lighthouse's measure of this machine's speed (about 1000+ on a typical desktop; below ~500 it warns). */
  environment?: { benchmarkIndex?: number };
  runWarnings?: string[];
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const score = (s: number | null | undefined): string => (s === null || s === undefined ? 'n/a' : String(Math.round(s * 100)));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string' },
      path: { type: 'string', default: '/' },
      preset: { type: 'string', default: 'both' },
      check: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const presets = values.preset === 'both' ? ['mobile', 'desktop'] : [values.preset];
  for (const p of presets) if (p !== 'mobile' && p !== 'desktop') throw new Error(`--preset must be mobile, desktop or both, got ${p}`);
  const chrome = requireChromium();

  // 1. The site.
  let root: string;
  let cleanup = (): void => {};
  if (values.dist !== undefined) {
    root = resolve(values.dist);
    if (!existsSync(join(root, 'index.html'))) throw new Error(`${root} has no index.html: build it first (npm start -- --no-serve, or npm run build:site)`);
    const generator = /<meta name="generator" content="([^"]*)"/.exec(readFileSync(join(root, 'index.html'), 'utf8'))?.[1];
    console.log(`[1/3] site      existing build ${relative(process.cwd(), root) || '.'}${generator ? ` (${generator})` : ''}`);
  } else {
    const snapshot = resolve(process.env.SNAPSHOT_FILE?.trim() || FIXTURE);
    const work = scratchDir('lighthouse-');
    cleanup = () => rmSync(work, { recursive: true, force: true });
    root = join(work, 'dist');
    const log = join(work, 'build.log');
    const started = performance.now();
    const env = toolEnv({ SNAPSHOT_FILE: snapshot });
    delete env.SNAPSHOT_URL;
    const code = await run(process.execPath, [ASTRO, 'build', '--outDir', root], { cwd: ROOT, env, logPath: log });
    if (code !== 0) {
      const lines = tail(log, 30);
      cleanup();
      throw new Error(`astro build failed (exit code ${code}):\n${lines}`);
    }
    console.log(`[1/3] site      built from ${relative(process.cwd(), snapshot)}  (${formatMs(performance.now() - started)})`);
  }

  // 2. Serve it.
  const server = await serveStatic(root);
  const url = new URL(values.path.replace(/^\/?/, '/'), server.url).href;
  console.log(`[2/3] serve     ${url} (gzip, like a static host)`);

  try {
    // 3. Lighthouse, once per preset.
    mkdirSync(REPORTS, { recursive: true });
    const results: { preset: string; report: Report; file: string }[] = [];
    for (const preset of presets) {
      const base = join(REPORTS, preset === 'desktop' ? 'dashboard-desktop' : 'dashboard-mobile');
      const log = `${base}.log`;
      const args = [
        LIGHTHOUSE,
        url,
        '--output=json',
        '--output=html',
        `--output-path=${base}`,
        `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`,
        ...(preset === 'desktop' ? ['--preset=desktop'] : []),
      ];
      const started = performance.now();
      const code = await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, CHROME_PATH: chrome }, logPath: log });
      const file = `${base}.report.json`;
      if (code !== 0 || !existsSync(file)) throw new Error(`lighthouse (${preset}) failed (exit code ${code}); last lines of ${log}:\n${tail(log, 30)}`);
      const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
      if (report.runtimeError) throw new Error(`lighthouse (${preset}): ${report.runtimeError.code} ${report.runtimeError.message}`);
      console.log(`[3/3] audit     ${preset}: ${relative(process.cwd(), base)}.report.html  (${formatMs(performance.now() - started)})`);
      results.push({ preset, report, file });
    }

    // 4. Scores and weight.
    let ok = true;
    console.log(`\nLighthouse 12.2.3, ${values.path} (load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs):`);
    console.log(`  ${'preset'.padEnd(8)} ${CATEGORIES.map((c) => c.padStart(15)).join('')}`);
    for (const { preset, report } of results) {
      const index = report.environment?.benchmarkIndex;
      console.log(
        `  ${preset.padEnd(8)} ${CATEGORIES.map((c) => score(report.categories[c]?.score).padStart(15)).join('')}` +
          `${index === undefined ? '' : `   (machine benchmark index ${Math.round(index)})`}`,
      );
      for (const [category, target] of Object.entries(TARGETS)) {
        const s = report.categories[category]?.score;
        if (s === null || s === undefined || Math.round(s * 100) < target) ok = false;
      }
      for (const w of report.runWarnings ?? []) console.log(`           warning: ${w}`);
    }
    console.log(`  targets: performance ${TARGETS.performance}, accessibility >= ${TARGETS.accessibility}`);

    for (const { preset, report } of results) {
      const failing = Object.values(report.audits)
        .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
        .sort((a, b) => (a.score as number) - (b.score as number))
        .slice(0, 8);
      if (failing.length > 0) {
        console.log(`\n  ${preset}: audits below full marks`);
        for (const a of failing) console.log(`    ${score(a.score).padStart(3)}  ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
      }
    }

    // Weight: what the browser transferred (gzipped, as served), by resource type.
    const first = results[0] as { report: Report };
    const items = first.report.audits['network-requests']?.details?.items ?? [];
    const byType = new Map<string, { requests: number; transfer: number; resource: number }>();
    for (const item of items) {
      const type = item.resourceType ?? 'Other';
      const t = byType.get(type) ?? { requests: 0, transfer: 0, resource: 0 };
      t.requests++;
      t.transfer += item.transferSize ?? 0;
      t.resource += item.resourceSize ?? 0;
      byType.set(type, t);
    }
    const total = [...byType.values()].reduce((s, t) => s + t.transfer, 0);
    console.log(`\nDashboard weight (${values.path}), transferred gzipped:`);
    for (const [type, t] of [...byType].sort((a, b) => b[1].transfer - a[1].transfer)) {
      console.log(`  ${type.padEnd(12)} ${String(t.requests).padStart(3)} request${t.requests === 1 ? ' ' : 's'} ${kB(t.transfer).padStart(10)}  (${kB(t.resource)} uncompressed)`);
    }
    const weightOk = total <= WEIGHT_TARGET_BYTES;
    if (!weightOk) ok = false;
    console.log(`  ${'total'.padEnd(12)} ${String(items.length).padStart(3)} request${items.length === 1 ? ' ' : 's'} ${kB(total).padStart(10)}  (target <= ${kB(WEIGHT_TARGET_BYTES)}: ${weightOk ? 'met' : 'MISSED'})`);
    console.log(`\n${ok ? 'All targets met.' : 'Some targets are missed (see above).'}`);
    return values.check && !ok ? 1 : 0;
  } finally {
    await server.close();
    cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nnpm run lighthouse failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
