/**
 * The recompute skips the sales cells of named KPI blocks in SQL (blockOfSql), and names blocks
 * by the shared rule (blockOf): the two must give the same block for every grain's labels.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { blockOf } from '../../shared/kpi/series.ts';
import { blockOfSql } from '../../worker/recompute/sales-sql.ts';
import { GRAINS } from '../../shared/snapshot.ts';

const LABELS = { day: ['2026-11-20', '2025-01-01'], week: ['2026-W01', '2025-W53'], month: ['2026-11', '2026-01'], quarter: ['2026-Q4', '2025-Q1'], year: ['2026', '1999'] };

describe('blockOfSql', () => {
  it('gives blockOf for the labels of every grain', async () => {
    for (const grain of GRAINS) {
      for (const period of LABELS[grain]) {
        const sql = await env.DB.prepare(`SELECT ${blockOfSql('?1', '?2')} AS block`).bind(grain, period).first<string>('block');
        expect(sql, `${grain} ${period}`).toBe(blockOf(grain, period));
      }
    }
    expect(blockOf('day', '2026-11-20')).toBe('2026-11');
    expect(blockOf('week', '2025-W53')).toBe('2025');
  });
});
