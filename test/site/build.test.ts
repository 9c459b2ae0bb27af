/**
 * Builds the real site from test/fixtures/snapshot.json with `astro build` into a temporary
 * directory and reads the HTML it wrote. Every expected figure below was worked out by hand from
 * the fixture (as_of 2026-12-01T03:30Z is Nov 30, 10:30 PM in America/New_York, so the current
 * month is November 2026, still running: the headline compares it with Oct 1–30).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PATH } from './make-snapshot.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

interface Run {
  code: number | null;
  output: string;
}

/** `astro build --outDir <outDir>` under the Node running the tests, with the given snapshot env. */
function astroBuild(outDir: string, snapshotEnv: Record<string, string>): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...snapshotEnv };
  for (const key of ['SNAPSHOT_FILE', 'SNAPSHOT_URL', 'READ_TOKEN']) {
    if (!(key in snapshotEnv)) delete env[key];
  }
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO, 'build', '--outDir', outDir], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('astro build with the fixture snapshot', () => {
  let dir: string;
  let html: string;
  let document: Document;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quotient-site-'));
    const run = await astroBuild(join(dir, 'dist'), { SNAPSHOT_FILE: FIXTURE_PATH });
    if (run.code !== 0) throw new Error(`astro build failed (${run.code}):\n${run.output}`);
    html = await readFile(join(dir, 'dist', 'index.html'), 'utf8');
    document = parseHTML(html).document as unknown as Document;
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const card = (key: string) => document.querySelector(`[data-kpi="${key}"]`);
  const part = (key: string, name: string) => text(card(key)?.querySelector(`[data-part="${name}"]`));

  it('shows the as-of time in the org timezone and the snapshot id', () => {
    const stamp = text(document.querySelector('[data-testid="data-stamp"]'));
    expect(stamp).toBe('Data as of Nov 30, 2026, 10:30 PM EST · Snapshot snap_fixture_0007');
    expect(document.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-01T03:30:00.000Z');
  });

  it('headlines November 2026, the month of as_of in New York (not December, as in UTC), to date', () => {
    const section = document.querySelector('[data-testid="headline"]');
    expect(section?.getAttribute('data-period')).toBe('2026-11');
    expect(section?.getAttribute('data-comparison')).toBe('month_to_date');
    expect(text(section?.querySelector('h2'))).toBe('November 2026 to date');
    expect(text(section?.querySelector('[data-part="comparison-note"]'))).toBe(
      'Compared with the same days of October 2026 (Oct 1–30); attainment with the share of the month gone by.',
    );
  });

  // November is not over at as_of (10:30 PM on the 30th), so it is compared with Oct 1–30, the
  // sum of the October day rows of the 2nd, 16th and 27th; the 31st (net 4,000, a sale without
  // cost, 1 new customer) is left out.
  it('shows net revenue against Oct 1–30: $49,500.25 vs $40,000 (12,000 + 14,000 + 14,000)', () => {
    expect(part('net_revenue', 'value')).toBe('$49,500');
    expect(part('net_revenue', 'detail')).toBe('after $612 refunds');
    expect(part('net_revenue', 'change')).toBe('▲ Up +$9,500 (+23.8%) vs $40,000 in Oct 1–30'); // 9500.25 / 40000
  });

  it('shows the margin against Oct 1–30: profit 16,375 over net 40,000 is 40.9%', () => {
    expect(part('margin', 'value')).toBe('45.0%'); // 22275.25 / 49500.25
    expect(part('margin', 'detail')).toBe('$22,275 profit');
    expect(part('margin', 'change')).toBe('▲ Up +4.1 pts vs 40.9% in Oct 1–30'); // (4800 + 7000 + 4575) / 40000
  });

  it('shows attainment against pace: 90.0% of target with the whole month gone by', () => {
    expect(part('attainment', 'value')).toBe('90.0%'); // 49500.25 / 55000
    expect(part('attainment', 'detail')).toBe('of $55,000 target');
    expect(part('attainment', 'change')).toBe('▼ 10.0 pts behind pace 100.0% of the month gone by (day 30 of 30)');
  });

  it('shows new customers against Oct 1–30: 7 vs 3 (2 + 1 + 0)', () => {
    expect(part('new_customers', 'value')).toBe('7');
    expect(part('new_customers', 'change')).toBe('▲ Up +4 (+133.3%) vs 3 in Oct 1–30');
  });

  it('keeps "Oct 1–30" on one line (browsers break after an en dash)', () => {
    const kept = [...document.querySelectorAll('[data-testid="headline"] .nowrap')].map((node) => text(node));
    expect(kept).toEqual(['Oct 1–30', 'Oct 1–30', 'Oct 1–30', 'Oct 1–30']); // the note, net revenue, margin, new customers
  });

  it('shows the quarter and year to date against their targets', () => {
    const quarter = document.querySelector('[data-progress="quarter"]');
    expect(text(quarter?.querySelector('h3'))).toBe('Q4 2026 to date');
    expect(text(quarter?.querySelector('.progress-figures'))).toBe('$93,500 of $150,000 target 62.3%');
    expect(text(quarter)).toContain('day 61 of 92');
    const year = document.querySelector('[data-progress="year"]');
    expect(text(year?.querySelector('.progress-figures'))).toBe('$199,500 of $600,000 target 33.3%');
  });

  it('renders the revenue chart as SVG in the HTML, with no scripts on the page', () => {
    expect(html).not.toMatch(/<script\b/i);
    const svgs = document.querySelectorAll('[data-testid="revenue-trend"] svg');
    expect(svgs.length).toBe(2); // wide, and narrow for phones
    const wide = svgs[0]!;
    expect(wide.getAttribute('role')).toBe('img');
    expect(wide.getAttribute('aria-label')).toBe(
      'Bar chart of net revenue by month, July 2026 to November 2026, with the monthly target as a line. ' +
        'Latest, November 2026 (to date): $49,500 against a target of $55,000.',
    );
    expect(wide.querySelectorAll('.rt-bar rect')).toHaveLength(4);
    expect(wide.querySelectorAll('.rt-bar-partial rect')).toHaveLength(1);
    expect(wide.querySelectorAll('circle')).toHaveLength(5); // a target every month
  });

  it('leaves no <g aria-label> without a role (axe: aria-prohibited-attr)', () => {
    expect(html).not.toMatch(/<g\b(?![^>]*\brole=)[^>]*\baria-label=/);
    for (const element of document.querySelectorAll('[aria-label]')) {
      expect(element.getAttribute('role'), element.outerHTML.slice(0, 80)).toBe('img');
    }
  });

  it('gives the chart numbers as a table', () => {
    const rows = [...document.querySelectorAll('[data-testid="revenue-trend"] table tbody tr')].map((tr) =>
      [...tr.children].map((cell) => text(cell)),
    );
    expect(rows).toEqual([
      ['July 2026', '$30,000.00', '$32,000.00', '93.8%'],
      ['August 2026', '$36,000.00', '$35,000.00', '102.9%'],
      ['September 2026', '$40,000.00', '$40,000.00', '100.0%'],
      ['October 2026', '$44,000.00', '$45,000.00', '97.8%'],
      ['November 2026 (to date)', '$49,500.25', '$55,000.00', '90.0%'],
    ]);
  });

  it('has landmarks, one h1 and a skip link', () => {
    expect(document.querySelectorAll('header, main, footer')).toHaveLength(3);
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(document.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
    expect(document.documentElement.getAttribute('lang')).toBe('en');
  });

  it('stays small: one page, styles inlined, no external stylesheet', () => {
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(html).toContain('@media print');
    expect(html).toMatch(/prefers-color-scheme:\s*dark/);
    expect(Buffer.byteLength(html)).toBeLessThan(60_000);
  });

  it('writes the monthly figures as CSV', async () => {
    const csv = await readFile(join(dir, 'dist', 'downloads', 'company-months.csv'), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(
      'period,revenue,refunds,net_revenue,cost,profit,margin,orders,average_order_value,active_customers,new_customers,target_revenue,attainment',
    );
    expect(lines[4]).toBe('2026-10,45250.5,1250.5,44000,25000,19000,,18,2513.9167,15,4,45000,0.9777777777777777');
  });
});

describe('astro build without a snapshot source', () => {
  it('fails and says to set SNAPSHOT_FILE or SNAPSHOT_URL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quotient-site-'));
    try {
      const run = await astroBuild(join(dir, 'dist'), {});
      expect(run.code).not.toBe(0);
      expect(run.output).toContain('No snapshot source: set SNAPSHOT_FILE');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
