/**
 * The built site under test: `astro build` from a snapshot file into a temporary outDir, served
 * by the tiny static server, with its pages discovered from the HTML files it wrote.
 */
import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../../../scripts/lib/scratch.ts';
import { serveStatic } from '../../../scripts/lib/static-server.ts';
import type { StaticServer } from '../../../scripts/lib/static-server.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURE_SNAPSHOT = join(ROOT, 'test', 'fixtures', 'snapshot.json');
const ASTRO = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');

export interface BuiltSite {
  dir: string;
  outDir: string;
  server: StaticServer;
  /** URL paths of every page, `/` first, then in code-point order: `/`, `/reps/rep_01/`, ... */
  pages: string[];
  /** Stop the server and delete the build. */
  dispose(): Promise<void>;
}

/** `astro build --outDir <outDir>` with only `SNAPSHOT_FILE` as the snapshot source. */
async function astroBuild(outDir: string, snapshotFile: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SNAPSHOT_FILE: snapshotFile };
  delete env.SNAPSHOT_URL;
  delete env.READ_TOKEN;
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO, 'build', '--outDir', outDir], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
  if (code !== 0) throw new Error(`astro build failed (exit code ${code}):\n${output.slice(-6000)}`);
}

/** URL paths of the HTML pages under `outDir` (`a/index.html` is `/a/`, `a.html` is `/a.html`). */
export async function pagePaths(outDir: string): Promise<string[]> {
  const files = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.html'));
  const paths = files.map((file) => {
    const url = `/${file.split(sep).join('/')}`;
    return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
  });
  return paths.sort((a, b) => (a === '/' ? -1 : b === '/' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** Build the site from `snapshotFile` and serve it on a loopback port. */
export async function buildAndServe(snapshotFile: string = FIXTURE_SNAPSHOT): Promise<BuiltSite> {
  // Inside the repository: see scripts/lib/scratch.ts for why not the system temp directory.
  const dir = scratchDir('browser-');
  const outDir = join(dir, 'dist');
  try {
    await astroBuild(outDir, snapshotFile);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const server = await serveStatic(outDir);
  return {
    dir,
    outDir,
    server,
    pages: await pagePaths(outDir),
    dispose: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A file name for a page's screenshot: `/` is `index`, `/teams/a/weeks/2026-W48/` is `teams_a_weeks_2026-W48`. */
export function pageSlug(path: string): string {
  const slug = path
    .replace(/^\/|\/$/g, '')
    .replace(/\.html$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return slug === '' ? 'index' : slug;
}
