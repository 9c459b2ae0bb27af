/** The benchmark's memory probe, on a real process named workerd (a copy of `sleep`). */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { peakWorkerdRss, workerdRss } from '../../scripts/lib/peak-memory.ts';

const dir = mkdtempSync(join(tmpdir(), 'peak-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('peakWorkerdRss', () => {
  it("reads the resident size of the group's workerd, and only of its group", async () => {
    const fake = join(dir, 'workerd');
    copyFileSync('/bin/sleep', fake);
    const child = spawn(fake, ['30'], { detached: true, stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const rss = workerdRss(child.pid!);
      expect(rss).toBeGreaterThan(100 * 1024); // sleep is small, but resident
      expect(rss).toBeLessThan(64 * 1024 * 1024);
      expect(workerdRss(process.pid)).toBe(0); // this process's group runs no workerd
      const { result, beforeBytes, peakBytes } = await peakWorkerdRss(child.pid!, async () => {
        await new Promise((resolve) => setTimeout(resolve, 250));
        return 'done';
      }, 50);
      expect(result).toBe('done');
      expect(beforeBytes).toBeGreaterThan(0);
      expect(peakBytes).toBeGreaterThanOrEqual(beforeBytes);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
