import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagedMap } from '../../worker/db/paged-read.ts';

// A scratch table of 23 rows with text keys whose code-point order is not their insertion order.
const KEYS = Array.from({ length: 23 }, (_, i) => `k${String((i * 7) % 23).padStart(2, '0')}`);

describe('pagedMap', () => {
  beforeAll(async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS t_pages (key TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    await env.DB.batch(KEYS.map((key, n) => env.DB.prepare('INSERT OR REPLACE INTO t_pages (key, n) VALUES (?1, ?2)').bind(key, n)));
  });

  const read = (pageRows: number) =>
    pagedMap<[string, number], { key: string; n: number }>(
      env.DB,
      { select: 'SELECT key, n FROM t_pages WHERE {after} ORDER BY key LIMIT ?2', key: 'key', keyOf: (row) => row[0], pageRows },
      ([key, n]) => ({ key, n }),
    );

  it('reads every row once, in key order, whatever the page size (a last page that is exactly full included)', async () => {
    const all = [...KEYS].sort();
    for (const pageRows of [1, 5, 22, 23, 24, 1000]) {
      const rows = await read(pageRows);
      expect(rows.map((r) => r.key), `pages of ${pageRows}`).toEqual(all);
      expect(rows.find((r) => r.key === 'k07')!.n).toBe(KEYS.indexOf('k07'));
    }
  });

  it('binds further parameters as ?3 onwards, on every page', async () => {
    const rows = await pagedMap<[string], string>(
      env.DB,
      { select: 'SELECT key FROM t_pages WHERE n >= ?3 AND {after} ORDER BY key LIMIT ?2', key: 'key', keyOf: (row) => row[0], pageRows: 2, params: [20] },
      ([key]) => key,
    );
    expect(rows).toEqual([KEYS[20], KEYS[21], KEYS[22]].sort());
  });

  it('refuses SQL without a place for the page condition', async () => {
    await expect(pagedMap(env.DB, { select: 'SELECT key FROM t_pages ORDER BY key LIMIT ?2', key: 'key', keyOf: (r) => String(r[0]) }, (r) => r)).rejects.toThrow(
      'pagedMap: the SQL needs an {after} placeholder for the page condition',
    );
  });
});
