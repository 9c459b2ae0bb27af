/**
 * Scratch directories for site builds, inside the repository (`.quotient/tmp/`, gitignored).
 *
 * Why not the system temp directory: when `astro build --outDir` points outside the working
 * directory, Astro writes the build's prerender chunks to `<cwd>/.astro/.prerender/` instead of
 * inside the outDir, a directory every such build of the repository shares, so two builds at once
 * (a test and a benchmark, two test files) delete each other's chunks and fail with
 * ERR_MODULE_NOT_FOUND. An outDir inside the repository keeps each build's chunks its own, and
 * packages resolve from the repository's node_modules.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './tools.ts';

export const SCRATCH_ROOT = join(ROOT, '.quotient', 'tmp');

/**
 * A new empty directory `.quotient/tmp/<prefix>XXXXXX`; the caller deletes it.
 *
 * @example const dir = scratchDir('browser-'); // /repo/.quotient/tmp/browser-a1B2c3
 */
export function scratchDir(prefix: string): string {
  mkdirSync(SCRATCH_ROOT, { recursive: true });
  return mkdtempSync(join(SCRATCH_ROOT, prefix));
}
