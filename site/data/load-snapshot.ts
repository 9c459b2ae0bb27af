/**
 * The only code in the site that reads the snapshot. Every page calls `loadSnapshot()`; the
 * snapshot is read and validated once per build (module-level cache) and then shared.
 *
 * Where it comes from (first match wins):
 * - `SNAPSHOT_FILE`: path to a snapshot JSON file (relative to the working directory);
 * - `SNAPSHOT_URL`: the Worker's `GET /v1/snapshot`, fetched with `Authorization: Bearer $READ_TOKEN`.
 *
 * @example SNAPSHOT_FILE=test/fixtures/snapshot.json npm run build:site
 * @example SNAPSHOT_URL=http://127.0.0.1:8787/v1/snapshot READ_TOKEN=... npm run build:site
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Snapshot } from '../../shared/snapshot.ts';
import { parseSnapshot } from './validate-snapshot.ts';

export { SnapshotError, parseSnapshot } from './validate-snapshot.ts';

/** The environment variables the loader reads (others are ignored). */
export interface SnapshotEnv {
  SNAPSHOT_FILE?: string | undefined;
  SNAPSHOT_URL?: string | undefined;
  READ_TOKEN?: string | undefined;
  [name: string]: string | undefined;
}

// Keyed by source so a test can load several files in one process; a build uses one source.
const cache = new Map<string, Promise<Snapshot>>();
/** SNAPSHOT_FILE as given -> its absolute path (resolved against the working directory the first time). */
const resolvedFiles = new Map<string, string>();

/**
 * The snapshot for this build, read from `SNAPSHOT_FILE` or `SNAPSHOT_URL`, validated.
 * Throws with a message naming the variable to set, the failed request, or the bad field.
 */
export function loadSnapshot(env: SnapshotEnv = process.env): Promise<Snapshot> {
  const file = env.SNAPSHOT_FILE?.trim();
  const url = env.SNAPSHOT_URL?.trim();
  let key: string;
  let load: () => Promise<Snapshot>;
  if (file) {
    // Every page asks; resolving the path each time was a measurable part of a large build.
    let path = resolvedFiles.get(file);
    if (path === undefined) {
      path = resolve(file);
      resolvedFiles.set(file, path);
    }
    key = `file:${path}`;
    load = () => readSnapshotFile(path);
  } else if (url) {
    const token = env.READ_TOKEN?.trim();
    if (!token) {
      return Promise.reject(
        new Error('SNAPSHOT_URL is set but READ_TOKEN is not: set READ_TOKEN to the Worker\'s read API token.'),
      );
    }
    key = `url:${url}`;
    load = () => fetchSnapshot(url, token);
  } else {
    return Promise.reject(
      new Error(
        'No snapshot source: set SNAPSHOT_FILE to a snapshot JSON file ' +
          '(e.g. SNAPSHOT_FILE=test/fixtures/snapshot.json) or SNAPSHOT_URL to the Worker\'s ' +
          'GET /v1/snapshot (e.g. SNAPSHOT_URL=http://127.0.0.1:8787/v1/snapshot) with READ_TOKEN.',
      ),
    );
  }
  let promise = cache.get(key);
  if (!promise) {
    promise = load();
    cache.set(key, promise);
    // A failed load is not cached: the next call tries again.
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

async function readSnapshotFile(path: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`SNAPSHOT_FILE: cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseSnapshot(parseJson(text, path), path);
}

async function fetchSnapshot(url: string, token: string): Promise<Snapshot> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
  } catch (error) {
    throw new Error(`SNAPSHOT_URL: cannot fetch ${url}: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    const hint = response.status === 401 ? ' (check READ_TOKEN)' : '';
    throw new Error(`SNAPSHOT_URL: GET ${url} answered ${response.status}${hint}: ${text.slice(0, 500)}`);
  }
  return parseSnapshot(parseJson(text, url), url);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid snapshot (${source}): not JSON: ${(error as Error).message}`, { cause: error });
  }
}
