/**
 * jsonRowsInsert (worker/db/multi-row-insert.ts) writes many rows per statement as one bound
 * JSON array: every value must arrive as given (text with quotes, backslashes and any
 * character, integers, null), and a large write must be cut into statements whose bound array
 * stays under D1's 2 MB per value. jsonRowsWithTextInsert does the same with each row's last
 * value, a long text, bound as a parameter of its own: each text must land in its own row.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonRowsInsert, jsonRowsWithTextInsert } from '../../worker/db/multi-row-insert.ts';

describe('jsonRowsInsert', () => {
  beforeAll(async () => {
    await env.DB.prepare('CREATE TABLE t_json_rows (name TEXT NOT NULL, n INTEGER, note TEXT) STRICT').run();
  });

  it('stores every value as given, in one statement when small', async () => {
    const rows = [
      ['plain', 1, null],
      ['quo"ted \\ back\\slash', -42, '[{"period":"2026-11","revenue":8000.0001}]'],
      ['jos\u00e9 \u{1F600} \u0000 end', 9_007_199_254_740_991, 'line\nbreak'],
    ];
    const statements = jsonRowsInsert(env.DB, 't_json_rows', ['name', 'n', 'note'], rows);
    expect(statements).toHaveLength(1);
    await env.DB.batch(statements.map((s) => s.statement));
    const stored = await env.DB.prepare('SELECT name, n, note FROM t_json_rows ORDER BY rowid').raw();
    expect(stored).toEqual(rows);
    expect(await env.DB.prepare("SELECT typeof(n) AS t FROM t_json_rows WHERE name = 'plain'").first('t')).toBe('integer');
  });

  it('cuts a large write into statements under the bound-value limit, and loses no row', async () => {
    await env.DB.prepare('DELETE FROM t_json_rows').run();
    // Five rows of 250,000 characters of three-byte UTF-8 each: 3.75 MB in all.
    const rows = Array.from({ length: 5 }, (_, i) => [`big_${i}`, i, '\u20ac'.repeat(250_000)]);
    const statements = jsonRowsInsert(env.DB, 't_json_rows', ['name', 'n', 'note'], rows);
    expect(statements.length).toBeGreaterThan(1);
    for (const s of statements) expect(s.chars * 3).toBeLessThanOrEqual(2_000_000);
    await env.DB.batch(statements.map((s) => s.statement));
    const stored = await env.DB.prepare('SELECT name, n, length(note) AS chars FROM t_json_rows ORDER BY n').all();
    expect(stored.results).toEqual(rows.map(([name, n]) => ({ name, n, chars: 250_000 })));
  });

  it('with texts bound apart: every text in its own row, 99 to a statement', async () => {
    await env.DB.prepare('DELETE FROM t_json_rows').run();
    const odd = ['quo"ted \\ back\\slash', '[{"period":"2026-11","revenue":8000.0001}]', 'jos\u00e9 \u{1F600} \u0000 end', '', 'line\nbreak'];
    // 250 rows: each text names its row, so a text bound to another row's place would show.
    const rows = Array.from({ length: 250 }, (_, i) => [`r_${i}`, i, `${odd[i % odd.length]} #${i}`]);
    const statements = jsonRowsWithTextInsert(env.DB, 't_json_rows', ['name', 'n', 'note'], rows);
    expect(statements.map((s) => s.chars > 0)).toEqual([true, true, true]);
    await env.DB.batch(statements.map((s) => s.statement));
    expect(await env.DB.prepare('SELECT name, n, note FROM t_json_rows ORDER BY n').raw()).toEqual(rows);
  });

  it('with texts bound apart: cuts a statement at 2,000,000 characters, and refuses a row without its text', async () => {
    await env.DB.prepare('DELETE FROM t_json_rows').run();
    const rows = Array.from({ length: 5 }, (_, i) => [`big_${i}`, i, String(i).repeat(600_000)]);
    const statements = jsonRowsWithTextInsert(env.DB, 't_json_rows', ['name', 'n', 'note'], rows);
    expect(statements).toHaveLength(2);
    for (const s of statements) expect(s.chars).toBeLessThanOrEqual(2_000_000);
    await env.DB.batch(statements.map((s) => s.statement));
    const stored = await env.DB.prepare('SELECT name, n, length(note) AS chars, substr(note, 1, 1) AS first FROM t_json_rows ORDER BY n').all();
    expect(stored.results).toEqual(rows.map(([name, n]) => ({ name, n, chars: 600_000, first: String(n) })));
    expect(() => jsonRowsWithTextInsert(env.DB, 't_json_rows', ['name', 'n', 'note'], [['x', 1, null]])).toThrow(/note.*must be text/);
  });
});

