/**
 * Builds the real site from test/fixtures/snapshot.json with `astro build` into a temporary
 * directory and reads the HTML it wrote. Every expected figure below was worked out by hand from
 * the fixture (as_of 2026-12-01T03:30Z is Nov 30, 10:30 PM in America/New_York, so the current
 * month is November 2026, still running: the headline compares it with Oct 1–30; the current
 * week is 2026-W49, Nov 30 – Dec 6, on its first day). The snapshot's history starts Jul 1, 2026,
 * so every "same period last year" is before it.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteTables } from '../../site/data/site-tables.ts';
import { tableCsv } from '../../site/data/table.ts';
import { FIXTURE_PATH, fixtureSnapshot } from './make-snapshot.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

/**
 * A fresh directory for one build's output, inside the project: with an outDir outside the
 * working directory Astro writes its prerender chunks to the shared `<root>/.astro/.prerender/`,
 * so two such builds at once (this test and another build) overwrite each other's chunks.
 */
async function buildDir(): Promise<string> {
  const parent = join(ROOT, 'node_modules', '.cache');
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, 'quotient-site-'));
}

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

/** Every `.csv` file under `dist`, as paths from it with `/`. */
async function csvFilesIn(dist: string): Promise<string[]> {
  return (await readdir(dist, { recursive: true }))
    .map((f) => String(f).split('\\').join('/'))
    .filter((f) => f.endsWith('.csv'))
    .sort();
}

/** A missing cell reads as a dash for the eye and its reason for screen readers. */
const NO_TARGET = '—No target set for November 2026';

describe('astro build with the fixture snapshot', () => {
  let dir: string;
  let html: string;
  let document: Document;

  beforeAll(async () => {
    dir = await buildDir();
    const run = await astroBuild(join(dir, 'dist'), { SNAPSHOT_FILE: FIXTURE_PATH });
    if (run.code !== 0) throw new Error(`astro build failed (${run.code}):\n${run.output}`);
    html = await readFile(join(dir, 'dist', 'index.html'), 'utf8');
    document = parseHTML(html).document as unknown as Document;
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const card = (key: string) => document.querySelector(`[data-kpi="${key}"]`);
  const rowsOf = (root: Element | null | undefined, table: string) =>
    [...(root?.querySelectorAll(`[data-table="${table}"] tbody tr`) ?? [])].map((tr) => [...tr.children].map((cell) => text(cell)));
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

  it('keeps "Oct 1–30" and "Nov 1–30, 2025" on one line (browsers break after an en dash)', () => {
    const kept = [...document.querySelectorAll('[data-testid="headline"] .nowrap')].map((node) => text(node));
    // the note, then per card: net revenue, margin, attainment (against Oct 1–30 and last year), new customers
    expect(kept).toEqual([
      'Oct 1–30',
      'Oct 1–30', 'Nov 1–30, 2025',
      'Oct 1–30', 'Nov 1–30, 2025',
      'Oct 1–30', 'Nov 1–30, 2025',
      'Oct 1–30', 'Nov 1–30, 2025',
      'October 2026', 'November 2025',
      'Q3 2026', 'Q4 2025',
      'September 2026', 'October 2025',
    ]);
  });

  it('compares each KPI with the same period last year, or says why it cannot', () => {
    expect(part('net_revenue', 'change-year')).toBe("No comparison: Nov 1–30, 2025 is before the snapshot's first figures.");
    expect(part('nps', 'change-year')).toBe("No comparison: Q4 2025 is before the snapshot's first figures.");
  });

  it('shows CSAT, NPS and market share with their comparisons', () => {
    expect([part('csat', 'value'), part('csat', 'detail'), part('csat', 'note')]).toEqual([
      '4.20',
      '85.0% satisfied (4 or 5 of 5)',
      'Month to date, compared with whole months',
    ]);
    expect(part('csat', 'change')).toBe('▲ Up +0.10 vs 4.10 in October 2026');
    expect([part('nps', 'value'), part('nps', 'note'), part('nps', 'change')]).toEqual([
      '40',
      'Q4 2026 to date, compared with whole quarters',
      '▲ Up +10 vs 30 in Q3 2026',
    ]);
    expect([part('market_share', 'value'), part('market_share', 'note'), part('market_share', 'change')]).toEqual([
      '8.0%', // 44,000 / 550,000
      'October 2026, the latest month with a market size',
      '■ No change 0.0 pts vs 8.0% in September 2026',
    ]);
  });

  it('shows each target: $5,500 to go, the profit target, the projection, 1 new customer to go', () => {
    expect(part('net_revenue', 'target')).toBe('Target $55,000 ($5,500 to go)'); // 55,000 − 49,500.25
    expect(part('margin', 'target')).toBe('Profit target $24,000');
    expect(part('attainment', 'target')).toBe('At this pace: 90.0% ($49,500) by month end');
    expect(part('attainment', 'change-previous')).toBe('▲ Up +1.1 pts vs 88.9% in Oct 1–30'); // 40,000 / 45,000
    expect(part('new_customers', 'target')).toBe('Target 8 (1 to go)');
  });

  it('draws a small trend on each card from the first month with data', () => {
    const spark = card('net_revenue')?.querySelector('.kpi-spark svg');
    expect(spark?.getAttribute('aria-label')).toBe('Net revenue trend, July 2026 to November 2026 (to date): from $30,000 to $49,500.');
    expect(card('nps')?.querySelector('.kpi-spark svg')?.getAttribute('aria-label')).toBe('NPS trend, Q3 2026 to Q4 2026 (to date): from 30 to 40.');
    expect(document.querySelectorAll('.kpi-spark svg')).toHaveLength(7);
  });

  it('lists the risks and growth points with their numbers and links', () => {
    const titles = (key: string) => [...document.querySelectorAll(`[data-testid="signals-${key}"] .signal-title`)].map((n) => text(n));
    expect(titles('risks')).toEqual([
      "The company is likely to miss the November 2026 target: even the forecast's high end falls short",
      'Cleo Park is 11.4 pts behind pace in November 2026',
      'The company: complaints up 100% against Oct 1–30',
      'East: 1 complaint open for more than 7 days',
      'East: CSAT 3.80 in November 2026 to date, below 4.0',
      '2 repeat customers have gone quiet: $8,000 of net revenue to date',
    ]);
    const aging = document.querySelector('[data-testid="signals-risks"] [data-rule="complaints_aging"]');
    expect([...(aging?.querySelectorAll('.signal-facts li') ?? [])].map((n) => text(n))).toEqual([
      'tkt_e01 (customer cus_05, Ben Okafor): open 27 days, since Nov 3, 2026',
      '1 complaint open in all as of Nov 30, 2026',
    ]);
    expect(aging?.querySelector('a')?.getAttribute('href')).toBe('/teams/team_east/weeks/2026-W49/');
    expect(titles('growth')).toEqual(['The company: margin up 4.1 pts against Oct 1–30']);
    const cleo = document.querySelector('[data-testid="signals-risks"] [data-rule="pace"]');
    expect([...(cleo?.querySelectorAll('.signal-facts li') ?? [])].map((n) => text(n))).toEqual([
      '$19,500 of the $22,000 target: 88.6%',
      'Expected by now: 100.0% ($22,000), day 30 of 30',
      'At this pace: $19,500 by month end (88.6%)',
    ]);
    expect(cleo?.querySelector('a')?.getAttribute('href')).toBe('/reps/rep_cleo/');
    const forecast = document.querySelector('[data-testid="signals-risks"] [data-rule="forecast_miss"]');
    expect([...(forecast?.querySelectorAll('.signal-facts li') ?? [])].map((n) => text(n))).toEqual([
      'Forecast: $44,000, 80% range $37,899–$50,101 (Naive, from the complete months up to October 2026)',
      'Target: $55,000; the high end is 91.1% of it',
      'At this pace: $49,500 (90.0%), from $49,500 so far',
    ]);
    expect(forecast?.querySelector('a')?.getAttribute('href')).toBe('/forecasts/#company');
    const lapsing = document.querySelector('[data-testid="signals-risks"] [data-rule="customers_lapsing"]');
    expect([...(lapsing?.querySelectorAll('.signal-facts li') ?? [])].map((n) => text(n))).toEqual([
      'cus_09: $4,000 over 2 orders; 143 days since the last purchase (Jul 10, 2026), usually every 7.0 days',
      'cus_13: $4,000 over 2 orders; 76 days since the last purchase (Sep 15, 2026), usually every 34.0 days',
    ]);
    expect(lapsing?.querySelector('a')?.getAttribute('href')).toBe('/customers/#lapsing');
  });

  // The forecast is naive on July–October (30,000, 36,000, 40,000, 44,000: too short to backtest):
  // 44,000 a month, 80% range 44,000 ± 1.2816 × √(68,000,000 / 3) = 37,899 to 50,101 for November.
  it('says where the month and quarter end, at this pace and by the forecast, and which is which', () => {
    const block = document.querySelector('[data-testid="forecast"]');
    // Each way's term, figure and how it was found, as separate lines.
    const way = (grain: string, part: string) =>
      [...(block?.querySelector(`[data-projection="${grain}"] [data-part="${part}"]`)?.children ?? [])].map((n) => text(n)).join(' | ');
    expect(text(block?.querySelector('[data-projection="month"] h3'))).toBe('November 2026, running');
    expect(text(block?.querySelector('[data-projection="month"] [data-part="to-date"]'))).toBe('$49,500 so far of the $55,000 target');
    expect(way('month', 'pace')).toBe(
      'At this pace | $49,500 by month end: 90.0% of the $55,000 target | $49,500 so far ÷ the 100.0% of the target expected by day 30 of 30 (the share of the days gone by).',
    );
    expect(way('month', 'forecast')).toBe(
      "Forecast | $44,000 (80% range $37,899–$50,101): 80.0% of target (68.9%–91.1%) | Naive on the complete months up to October 2026; this month's sales so far are not used.",
    );
    // Q4 2026: 141,016.77 at this pace (93,500.25 ÷ 61/92); only Q3 is complete, too little for a forecast.
    expect(way('quarter', 'pace')).toMatch(/^At this pace \| \$141,017 by quarter end: 94\.0% of the \$150,000 target \| /);
    expect(way('quarter', 'forecast')).toBe('Forecast | No forecast: only 1 complete quarter of figures: a forecast needs at least 2.');
  });

  it("charts the company's next months with the 80% range and links to the forecasts", () => {
    const block = document.querySelector('[data-testid="forecast"]');
    const wide = block?.querySelector('.chart-wide svg');
    expect(wide?.getAttribute('aria-label')).toBe(
      "Line chart of the company's net revenue by month to October 2026, then the naive forecast for November 2026 to April 2027 with its 80% range shaded. " +
        'November 2026: $44,000 (80% range $37,899–$50,101).',
    );
    expect(wide?.querySelectorAll('.fc-actual circle')).toHaveLength(4);
    expect(wide?.querySelectorAll('.fc-forecast circle')).toHaveLength(6);
    expect(wide?.querySelectorAll('.fc-band path')).toHaveLength(1);
    expect(wide?.querySelectorAll('.fc-to-date circle')).toHaveLength(1);
    expect(rowsOf(block, 'forecast').slice(0, 2)).toEqual([
      ['November 2026 (running)', '$44,000', '$37,899', '$50,101', '$55,000', '80.0%'],
      ['December 2026', '$44,000', '$35,371', '$52,629', '—No target set for December 2026', '—No target set for December 2026'],
    ]);
    expect(block?.querySelector('[data-testid="forecasts-link"]')?.getAttribute('href')).toBe('/forecasts/');
  });

  it('shows attainment by team against pace, as a chart and a table', () => {
    const section = document.querySelector('[data-testid="team-attainment"]');
    expect(text(section?.querySelector('h2'))).toBe('Attainment by team, November 2026 to date');
    const chart = section?.querySelector('.chart-wide svg');
    expect(chart?.getAttribute('aria-label')).toBe('Attainment by team, November 2026 to date: East 90.9% (expected 100.0%); West no target.');
    expect(chart?.querySelectorAll('.ab-bar rect')).toHaveLength(1);
    expect(rowsOf(section, 'teams')).toEqual([
      ['East', '$30,000', '$33,000', '90.9%', '100.0%', '90.9%', '45.0%', '5', '4'],
      ['West', '$19,500', NO_TARGET, NO_TARGET, NO_TARGET, NO_TARGET, '45.0%', '2', '2'],
    ]);
  });

  it('shows the margin by month, unknown in October', () => {
    const section = document.querySelector('[data-testid="margin-trend"]');
    expect(section?.querySelectorAll('.chart-wide .lt-dot circle')).toHaveLength(4);
    expect(rowsOf(section, 'margin')).toEqual([
      ['July 2026', '$30,000', '$12,000', '40.0%'],
      ['August 2026', '$36,000', '$14,000', '38.9%'],
      ['September 2026', '$40,000', '$16,000', '40.0%'],
      ['October 2026', '$44,000', '$19,000', '—Margin unknown: a sale in October 2026 has no cost'],
      ['November 2026 (to date)', '$49,500', '$22,275', '45.0%'],
    ]);
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

  it('leaves no aria-label on an element without a role that allows one (axe: aria-prohibited-attr)', () => {
    expect(html).not.toMatch(/<g\b(?![^>]*\brole=)[^>]*\baria-label=/);
    for (const element of document.querySelectorAll('[aria-label]')) {
      const tag = element.tagName.toLowerCase();
      if (tag === 'svg') expect(element.getAttribute('role'), element.outerHTML.slice(0, 80)).toBe('img');
      else expect(['nav', 'section', 'ul', 'a', 'button', 'input'], element.outerHTML.slice(0, 80)).toContain(tag);
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

  it('stays small: one shared stylesheet, no script, under 100 KB gzipped in all', async () => {
    const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute('href')!);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toMatch(/^\/_astro\/[^/]+\.css$/);
    const css = await readFile(join(dir, 'dist', sheets[0]!), 'utf8');
    expect(html).not.toContain('@media print'); // the site's styles are not copied into the page (Plot's chart styles are)
    expect(html).not.toMatch(/<script\b/i);
    expect(css).toContain('@media print');
    expect(css).toMatch(/prefers-color-scheme:\s*dark/);
    expect(gzipSync(html).byteLength + gzipSync(css).byteLength).toBeLessThan(100_000);
    expect(Buffer.byteLength(html)).toBeLessThan(80_000);
  });

  it('writes the monthly figures as CSV', async () => {
    const csv = await readFile(join(dir, 'dist', 'downloads', 'company-months.csv'), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(
      'period,revenue,refunds,net_revenue,cost,profit,margin,orders,average_order_value,active_customers,new_customers,target_revenue,attainment,' +
        'repeat_customer_rate,csat,csat_satisfied_rate,nps,market_share,visits,complaints,complaint_resolution_hours_median,win_rate,sales_cycle_days_median',
    );
    expect(lines[4]).toBe(
      '2026-10,45250.5,1250.5,44000,25000,19000,,18,2513.9167,15,4,45000,0.9777777777777777,0.7333333333333333,4.1,0.8,,0.08,30,4,24,0.55,18',
    );
  });

  // ---- Every other page type, from the same build ----

  const pages = new Map<string, { html: string; document: Document }>();
  async function load(path: string): Promise<{ html: string; document: Document }> {
    let page = pages.get(path);
    if (!page) {
      const source = await readFile(join(dir, 'dist', path, 'index.html'), 'utf8');
      page = { html: source, document: parseHTML(source).document as unknown as Document };
      pages.set(path, page);
    }
    return page;
  }
  /** What a page's "Download CSV" link for a table gives: its data URL decoded, or its file read. */
  async function downloadCsv(path: string, tableId: string): Promise<string> {
    const { document: doc } = await load(path);
    const name = `${path.split('/').filter(Boolean).join('-')}-${tableId}.csv`;
    const link = doc.querySelector(`a[download="${name}"]`);
    if (!link) throw new Error(`${path}: no download link named ${name}`);
    const href = link.getAttribute('href')!;
    const DATA = 'data:text/csv;charset=utf-8,';
    return href.startsWith(DATA) ? decodeURIComponent(href.slice(DATA.length)) : readFile(join(dir, 'dist', href), 'utf8');
  }
  const rows = (doc: Document, table: string) =>
    [...doc.querySelectorAll(`[data-table="${table}"] tbody tr`)].map((tr) => [...tr.children].map((cell) => text(cell)));
  const summary = (doc: Document) =>
    [...doc.querySelectorAll('.summary')].map((li) => [
      text(li.querySelector('.summary-label')),
      text(li.querySelector('.summary-value')),
      text(li.querySelector('.summary-detail')),
    ]);

  it("links a rep's page to their appraisals, newest first, with band and score", async () => {
    const { document } = await load('reps/rep_ana');
    const links = [...document.querySelectorAll('[data-testid="rep-appraisals"] li')];
    // The fixture appraises rep_ana in 2026, 2026-Q4 and 2026-Q3 (newest first: the year, then its last quarter).
    expect(links.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual([
      '/appraisals/2026/rep_ana/',
      '/appraisals/2026-Q4/rep_ana/',
      '/appraisals/2026-Q3/rep_ana/',
    ]);
    const q3 = JSON.parse(await readFile(FIXTURE_PATH, 'utf8')).appraisals.periods.find((p: { period: string }) => p.period === '2026-Q3').rows.find((r: { rep_id: string }) => r.rep_id === 'rep_ana');
    expect(text(links[2])).toContain(`band ${q3.band}`);
  });

  const ALL_PAGES = [
    '',
    'teams',
    'teams/team_east',
    'teams/team_west',
    'teams/team_east/weeks/2026-W47',
    'teams/team_east/weeks/2026-W48',
    'teams/team_east/weeks/2026-W49',
    'teams/team_west/weeks/2026-W48',
    'reps',
    'reps/rep_ana',
    'reps/rep_ben',
    'reps/rep_cleo',
    'customers',
    'forecasts',
    'forecasts/weeks',
    'forecasts/quarters',
    'data-quality',
    'appraisals',
    ...['2026', '2026-Q4', '2026-Q3'].flatMap((period) => [`appraisals/${period}`, ...['rep_ana', 'rep_ben', 'rep_cleo'].map((rep) => `appraisals/${period}/${rep}`)]),
  ];

  describe('every page', () => {
    it('is enumerated from the snapshot: 30 pages, no more', async () => {
      const found: string[] = [];
      const walk = async (at: string): Promise<void> => {
        for (const entry of await readdir(join(dir, 'dist', at), { withFileTypes: true })) {
          if (entry.isDirectory() && entry.name !== '_astro') await walk(join(at, entry.name));
          else if (entry.name === 'index.html') found.push(at);
        }
      };
      await walk('');
      expect(found.sort()).toEqual([...ALL_PAGES].sort());
    });

    it('shows the data as-of time and the snapshot id, one h1, landmarks, and its place in the navigation', async () => {
      for (const path of ALL_PAGES) {
        const { document: doc } = await load(path);
        expect(text(doc.querySelector('[data-testid="data-stamp"]')), path).toBe('Data as of Nov 30, 2026, 10:30 PM EST · Snapshot snap_fixture_0007');
        expect(doc.querySelectorAll('h1'), path).toHaveLength(1);
        expect(doc.querySelectorAll('header, main, footer'), path).toHaveLength(3);
        expect(doc.querySelectorAll('nav[aria-label="Site"] [aria-current]'), path).toHaveLength(1);
      }
    });

    it('gives every table a caption and a CSV download that exists (in the page when small, else a file)', async () => {
      const seen = { inline: 0, file: 0 };
      for (const path of ALL_PAGES) {
        const { document: doc } = await load(path);
        for (const table of doc.querySelectorAll('table')) expect(text(table.querySelector('caption')), path).not.toBe('');
        for (const link of doc.querySelectorAll('a[download]')) {
          const href = link.getAttribute('href')!;
          expect(link.getAttribute('download'), href).toMatch(/^[A-Za-z0-9_-]+\.csv$/);
          const DATA = 'data:text/csv;charset=utf-8,';
          const inline = href.startsWith(DATA);
          seen[inline ? 'inline' : 'file']++;
          const csv = inline ? decodeURIComponent(href.slice(DATA.length)) : await readFile(join(dir, 'dist', href), 'utf8');
          expect(csv, href).toMatch(/^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*\r\n/);
          if (inline) expect(csv.length, href).toBeLessThanOrEqual(4096);
        }
      }
      // The fixture's tables are small: inlined, but for the files linked from elsewhere (signals, payroll, monthly figures).
      expect(seen.inline).toBeGreaterThan(50);
      expect(seen.file).toBeGreaterThan(0);
    });

    it('writes as files only the CSVs linked from elsewhere than their table: the fixture\'s tables all travel inside their pages', async () => {
      expect(await csvFilesIn(join(dir, 'dist'))).toEqual(
        ['appraisals/2026-Q3/payroll.csv', 'appraisals/2026-Q4/payroll.csv', 'appraisals/2026/payroll.csv', 'downloads/company-months.csv', 'signals.csv'],
      );
    });

    it('ships a script only with a sortable table, each with its data beside it, and no aria-label on role-less elements', async () => {
      for (const path of ALL_PAGES) {
        const { html: source, document: doc } = await load(path);
        const islands = [...doc.querySelectorAll('[data-table-island]')];
        expect(/<script\b[^>]*type="module"/i.test(source), path).toBe(islands.length > 0);
        expect(doc.querySelectorAll('script[type="application/json"]').length, path).toBe(islands.length);
        for (const island of islands) {
          const data = JSON.parse(island.nextElementSibling?.textContent ?? '') as { id: string; rows: unknown[] };
          expect(data.id, path).toBe(island.getAttribute('data-table-island'));
          expect(island.querySelectorAll('tbody tr').length, path).toBe(Math.max(1, data.rows.length));
        }
        expect(source, path).not.toMatch(/<(g|div|span|p)\b(?![^>]*\brole=)[^>]*\baria-label=/);
      }
    });
  });

  describe('a team week page: East, Week 48 (Nov 23–29)', () => {
    const PATH = 'teams/team_east/weeks/2026-W48';

    it('names the team, the week and its dates, with links to the weeks before and after', async () => {
      const { document: doc } = await load(PATH);
      expect(text(doc.querySelector('h1'))).toBe('East: Week 48, 2026');
      expect(text(doc.querySelector('[data-testid="week-dates"]'))).toBe('Nov 23–29, 2026');
      expect(doc.querySelector('[data-testid="previous-week"]')?.getAttribute('href')).toBe('/teams/team_east/weeks/2026-W47/');
      expect(doc.querySelector('[data-testid="next-week"]')?.getAttribute('href')).toBe('/teams/team_east/weeks/2026-W49/');
    });

    it('puts the week against its target pace: 8,000 of 33,000 × 7/30 = 7,700', async () => {
      const { document: doc } = await load(PATH);
      expect(summary(doc)).toEqual([
        ['Net revenue', '$8,000', '103.9% of the $7,700 target pace'],
        ['Wins', '3 sales', '50.0% of opportunities closed were won'],
        ['Customers gained', '2', '3 customers bought'],
        ['Visits and contacts', '6', ''],
        ['Complaints opened', '1', 'Resolved in 12 h (median)'],
        ['Profit margin', '45.0%', '$3,600 profit'],
      ]);
      expect(text(doc.querySelector('[data-testid="target-pace-note"]'))).toBe(
        "Weeks have no targets of their own: the target pace is November 2026's target of $33,000 × 7/30 days = $7,700.",
      );
    });

    it('compares week over week (+2,000 on 6,000) and year over year (before the history)', async () => {
      const { document: doc } = await load(PATH);
      const lines = [...doc.querySelectorAll('[data-testid="week-compare"] li')].map((li) => text(li));
      expect(lines).toEqual([
        '▲ Up +$2,000 (+33.3%) vs $6,000 in Week 47, 2026',
        "No comparison: Week 48, 2025 is before the snapshot's first figures.",
      ]);
    });

    it("shows the team's month against pace", async () => {
      const { document: doc } = await load(PATH);
      const month = doc.querySelector('[data-testid="month-target"]');
      expect(text(month?.querySelector('.progress-figures'))).toBe('$30,000 of $33,000 target 90.9%');
      expect(text(month?.querySelector('[data-part="pace"]'))).toBe('Expected by now: 100.0%, the share of the month gone by (day 30 of 30)');
    });

    it('ranks the reps, server-rendered, sortable by buttons inside the headers', async () => {
      const { document: doc } = await load(PATH);
      expect(rows(doc, 'leaderboard')).toEqual([
        ['Ana Lima', '$5,000', '$4,667', '107.1%', '1', '4', '0', '2', '100.0%'], // 20,000 × 7/30 = 4,666.67
        ['Ben Okafor', '$3,000', NO_TARGET, NO_TARGET, '1', '2', '1', '1', '0.0%'],
      ]);
      const headers = [...doc.querySelectorAll('[data-table="leaderboard"] thead th')];
      expect(headers.every((th) => th.querySelector('button.sort-button'))).toBe(true);
      expect(doc.querySelector('[data-table="leaderboard"] th[aria-sort]')?.getAttribute('data-key')).toBe('net_revenue');
      expect(doc.querySelector('[data-table="leaderboard"] th[aria-sort]')?.getAttribute('aria-sort')).toBe('descending');
      expect(text(doc.querySelector('[data-table="leaderboard"] caption'))).toBe('Rep leaderboard, Week 48, 2026 (USD)');
      expect(doc.querySelector('[data-table="leaderboard"] .table-tools')?.hasAttribute('hidden')).toBe(true); // until hydrated
      expect(doc.querySelector('[data-table-island]')?.getAttribute('data-table-island')).toBe('leaderboard');
    });

    it('writes the leaderboard as CSV with exact figures', async () => {
      const csv = await downloadCsv(PATH, 'leaderboard');
      expect(csv.split('\r\n')).toEqual([
        'rep,net_revenue,target_pace,attainment,new_customers,visits,complaints,orders,win_rate',
        'Ana Lima,5000,4666.6667,1.0714285637755103,1,4,0,2,1',
        'Ben Okafor,3000,,,1,2,1,1,0',
        '',
      ]);
    });

    it('tells wins, customers gained and complaints, and lists the opportunities won and the complaints open at week end', async () => {
      const { document: doc } = await load(PATH);
      expect(text(doc.querySelector('[data-testid="week-story"]'))).toBe(
        '3 sales closed; 50.0% of the opportunities closed were won. 2 new customers bought for the first time. 1 complaint was opened.',
      );
      expect(doc.querySelector('[data-testid="not-in-snapshot"]')).toBeNull();
      // The week's one win (rep_ana's, as the week's win rate of 1 for her says), 16 days from opening.
      const wins = doc.querySelector('[data-testid="wins"] [data-table="wins"]')!;
      expect(text(wins.querySelector('caption'))).toBe('Opportunities won, Week 48, 2026 (USD)');
      expect([...wins.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text))).toEqual([
        ['opp_e02', 'Nov 24, 2026', 'Ana Lima', 'cus_07', '$9,500.50', '16.0'],
      ]);
      expect(wins.querySelector('tbody a')?.getAttribute('href')).toBe('/reps/rep_ana/');
      // Open when the week ended (Nov 29): tkt_e01 from Nov 3; this week's own complaint was resolved in 12 hours.
      const open = doc.querySelector('[data-testid="open-complaints"] [data-table="open-complaints"]')!;
      expect(text(open.querySelector('caption'))).toBe('Complaints open at the end of Week 48, 2026');
      expect([...open.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text))).toEqual([
        ['tkt_e01', 'Nov 3, 2026', '26', 'Ben Okafor', 'cus_05', 'Still open'],
      ]);
      expect((await downloadCsv(PATH, 'open-complaints')).split('\r\n')).toEqual([
        'ticket,opened_day,age_days,rep,customer,resolved_day',
        'tkt_e01,2026-11-03,26,rep_ben,cus_05,',
        '',
      ]);
      expect((await downloadCsv(PATH, 'wins')).split('\r\n')).toEqual([
        'opportunity,closed_day,rep,customer,amount,cycle_days',
        'opp_e02,2026-11-24,rep_ana,cus_07,9500.5,16',
        '',
      ]);
    });

    it('lists the customers gained, as many as the new customers, with who gained them; CSV in the page', async () => {
      const { document: doc } = await load(PATH);
      expect(text(doc.querySelector('#gained-title'))).toBe('Customers gained');
      expect(rows(doc, 'customers-gained')).toEqual([
        ['cus_29', 'Nov 24, 2026', 'Ana Lima', '$2,000.00', '1', '$2,000.00'],
        ['cus_30', 'Nov 27, 2026', 'Ben Okafor', '$2,500.00', '1', '$2,500.00'],
      ]);
      expect(doc.querySelector('[data-table="customers-gained"] a')?.getAttribute('href')).toBe('/reps/rep_ana/');
      expect((await downloadCsv(PATH, 'customers-gained')).split('\r\n')[2]).toBe('cus_30,2026-11-27,rep_ben,2500,1,2500');
      // West's week 48 gained no one: the table says so.
      const { document: west } = await load('teams/team_west/weeks/2026-W48');
      expect(text(west.querySelector('[data-table="customers-gained"] .table-empty'))).toBe('No customer bought from the team for the first time this week.');
    });

    it('charts the weeks with the target pace, this week highlighted', async () => {
      const { document: doc } = await load(PATH);
      const svg = doc.querySelector('[data-testid="weekly-trend"] .chart-wide svg');
      expect(svg?.getAttribute('aria-label')).toBe(
        "Bar chart of East's net revenue by week, Week 47, 2026 to Week 49, 2026, with the target pace as a line. Week 48, 2026: $8,000 against a target pace of $7,700.",
      );
      // The chart is the window's (Week 47 to the running Week 49), drawn once for its pages; this page's wrapper picks its bar.
      expect(doc.querySelector('[data-testid="weekly-trend"] .chart-wide')?.classList.contains('hl-bar-2')).toBe(true);
      expect(svg?.querySelector('.bt-bar > rect:nth-child(2) title')?.textContent).toMatch(/^Week 48, 2026\n/);
      const { document: next } = await load('teams/team_east/weeks/2026-W49');
      const shared = next.querySelector('[data-testid="weekly-trend"] .chart-wide svg');
      expect(shared?.outerHTML.replace(/ aria-label="[^"]*"/, '')).toBe(svg?.outerHTML.replace(/ aria-label="[^"]*"/, ''));
      expect(next.querySelector('[data-testid="weekly-trend"] .chart-wide')?.classList.contains('hl-partial-1')).toBe(true);
      expect(shared?.getAttribute('aria-label')).toContain('Week 49, 2026 (to date): $2,500 against a target pace of $1,100.');
      // The team page shows the latest week's window: the same chart, its latest week highlighted.
      const { document: team } = await load('teams/team_east');
      const teamChart = team.querySelector('[data-testid="weekly-trend"] .chart-wide');
      expect(teamChart?.querySelector('svg')?.outerHTML.replace(/ aria-label="[^"]*"/, '')).toBe(svg?.outerHTML.replace(/ aria-label="[^"]*"/, ''));
      expect(teamChart?.classList.contains('hl-partial-1')).toBe(true);
    });
  });

  describe('the running week: East, Week 49 (day 1 of 7)', () => {
    it('counts to date, against the days so far (33,000 / 30 = 1,100), with no next week', async () => {
      const { document: doc } = await load('teams/team_east/weeks/2026-W49');
      expect(text(doc.querySelector('[data-testid="week-dates"]'))).toBe('Nov 30 – Dec 6, 2026, to date (day 1 of 7)');
      expect(summary(doc)[0]).toEqual(['Net revenue', '$2,500', '227.3% of the $1,100 target pace']);
      expect(doc.querySelector('[data-testid="next-week"]')).toBeNull();
      expect(rows(doc, 'leaderboard').map((r) => r.slice(0, 4))).toEqual([
        ['Ana Lima', '$2,500', '$667', '375.0%'],
        ['Ben Okafor', '$0', NO_TARGET, NO_TARGET],
      ]);
    });

    it('says why a team without a target has no target pace (West, Week 48)', async () => {
      const { document: doc } = await load('teams/team_west/weeks/2026-W48');
      expect(summary(doc)[0]).toEqual(['Net revenue', '$4,000', 'No target set for November 2026, so no target pace']);
      expect(rows(doc, 'leaderboard')).toEqual([['Cleo Park', '$4,000', '$5,133', '77.9%', '0', '2', '0', '2', '—No opportunities closed']]);
    });

    it('lists the complaints open as of the snapshot in the running week, and no win', async () => {
      const { document: doc } = await load('teams/team_east/weeks/2026-W49');
      expect(text(doc.querySelector('[data-table="open-complaints"] caption'))).toBe('Complaints open as of Nov 30, 2026');
      expect(rows(doc, 'open-complaints')).toEqual([['tkt_e01', 'Nov 3, 2026', '27', 'Ben Okafor', 'cus_05', 'Still open']]);
      expect(rows(doc, 'wins')).toEqual([['The team won no opportunity this week.']]);
    });

    it('lists a complaint open when the week ended with the day it was resolved since (West, Week 48)', async () => {
      const { document: doc } = await load('teams/team_west/weeks/2026-W48');
      // tkt_w01 was resolved before the week; tkt_w02 after it (Nov 30).
      expect(rows(doc, 'open-complaints')).toEqual([['tkt_w02', 'Nov 12, 2026', '17', 'Cleo Park', 'cus_12', 'Nov 30, 2026']]);
    });
  });

  describe('a team page: East', () => {
    it("lists the month's wins and the team's open complaints as of the snapshot", async () => {
      const { document: doc } = await load('teams/team_east');
      expect(text(doc.querySelector('#process-title'))).toBe('Wins and open complaints, November 2026 to date');
      expect(rows(doc, 'wins')).toEqual([
        ['opp_e01', 'Nov 18, 2026', 'Ben Okafor', 'cus_03', '$18,000.00', '20.0'],
        ['opp_e02', 'Nov 24, 2026', 'Ana Lima', 'cus_07', '$9,500.50', '16.0'],
      ]);
      expect(rows(doc, 'open-complaints')).toEqual([['tkt_e01', 'Nov 3, 2026', '27', 'Ben Okafor', 'cus_05', 'Still open']]);
    });

    it('lists the reps, the latest week, every week and the reps this month', async () => {
      const { document: doc } = await load('teams/team_east');
      expect(text(doc.querySelector('h1'))).toBe('East');
      expect(text(doc.querySelector('.subtitle'))).toBe('2 reps: Ana Lima, Ben Okafor');
      expect(doc.querySelector('[data-testid="latest-week"]')?.getAttribute('href')).toBe('/teams/team_east/weeks/2026-W49/');
      expect(rows(doc, 'weeks')).toEqual([
        ['Week 49, 2026 (to date)', 'Nov 30 – Dec 6, 2026', '$2,500', '$1,100', '227.3%', '-$5,500', '0', '2', '0'],
        ['Week 48, 2026', 'Nov 23–29, 2026', '$8,000', '$7,700', '103.9%', '+$2,000', '2', '6', '1'],
        ['Week 47, 2026', 'Nov 16–22, 2026', '$6,000', '$7,700', '77.9%', '+$6,000', '1', '5', '1'],
      ]);
      expect(rows(doc, 'reps')).toEqual([
        ['Ana Lima', '$18,000', '$20,000', '90.0%', '100.0%', '90.0%', '3', '12', '1', '60.0%'],
        ['Ben Okafor', '$12,000', NO_TARGET, NO_TARGET, NO_TARGET, NO_TARGET, '2', '8', '3', '60.0%'],
      ]);
      expect(text(doc.querySelector('[data-testid="month-target"] .progress-figures'))).toBe('$30,000 of $33,000 target 90.9%');
    });

    it('lists the teams on /teams/', async () => {
      const { document: doc } = await load('teams');
      expect(rows(doc, 'teams').map((r) => r.slice(0, 6))).toEqual([
        ['East', '2', 'Week 49, 2026', '$30,000', '$33,000', '90.9%'],
        ['West', '1', 'Week 48, 2026', '$19,500', NO_TARGET, NO_TARGET],
      ]);
    });
  });

  describe('a rep page: Cleo Park', () => {
    it('shows the team, the month against target and pace, and the month in figures', async () => {
      const { document: doc } = await load('reps/rep_cleo');
      expect(text(doc.querySelector('h1'))).toBe('Cleo Park');
      expect(text(doc.querySelector('[data-testid="rep-team"]'))).toBe('Team: West (as of the snapshot)');
      const month = doc.querySelector('[data-testid="month-target"]');
      expect(text(month?.querySelector('.progress-figures'))).toBe('$19,500 of $22,000 target 88.6%');
      expect(text(month?.querySelector('[data-part="projection"]'))).toBe('At this pace: $19,500 by month end (88.6% of target).');
      expect(summary(doc)).toEqual([
        ['Profit margin', '45.0%', '$8,775 profit'],
        ['Customers gained', '2', '6 customers bought'],
        ['Wins', '7 sales', 'Win rate 60.0%'],
        ['Visits and contacts', '12', ''],
        ['Complaints opened', '2', 'Resolved in 20 h (median)'],
        ['CSAT', '4.30', '90.0% satisfied (4 or 5 of 5)'],
      ]);
    });

    it('lists the weeks (linking to the team week page) and the months', async () => {
      const { document: doc } = await load('reps/rep_cleo');
      expect(rows(doc, 'weeks')).toEqual([['Week 48, 2026', 'Nov 23–29, 2026', '$4,000', '$5,133', '77.9%', '+$4,000', '0', '2', '0']]);
      expect(doc.querySelector('[data-table="weeks"] tbody a')?.getAttribute('href')).toBe('/teams/team_west/weeks/2026-W48/');
      expect(rows(doc, 'months')[0]).toEqual(['November 2026', '$19,500', '$22,000', '88.6%', '45.0%', '2', '12', '2', '60.0%', '4.30']);
    });

    it("lists the month's wins (none) and the complaints still open as of the snapshot, without a rep column", async () => {
      const { document: doc } = await load('reps/rep_cleo');
      expect(text(doc.querySelector('#process-title'))).toBe('Wins and open complaints, November 2026 to date');
      expect(rows(doc, 'wins')).toEqual([['No opportunity won this month.']]);
      // tkt_w01 was resolved on Nov 6; tkt_w02 on Nov 30, the as-of day: none is open.
      expect(text(doc.querySelector('[data-table="open-complaints"] caption'))).toBe('Complaints open as of Nov 30, 2026');
      expect(rows(doc, 'open-complaints')).toEqual([['No complaint is open.']]);
      const { document: ben } = await load('reps/rep_ben');
      expect(rows(ben, 'wins')).toEqual([['opp_e01', 'Nov 18, 2026', 'cus_03', '$18,000.00', '20.0']]);
      expect(rows(ben, 'open-complaints')).toEqual([['tkt_e01', 'Nov 3, 2026', '27', 'cus_05', 'Still open']]);
    });

    it('lists the reps on /reps/', async () => {
      const { document: doc } = await load('reps');
      expect(rows(doc, 'reps').map((r) => r.slice(0, 5))).toEqual([
        ['Ana Lima', 'East', '$18,000', '$20,000', '90.0%'],
        ['Ben Okafor', 'East', '$12,000', NO_TARGET, NO_TARGET],
        ['Cleo Park', 'West', '$19,500', '$22,000', '88.6%'],
      ]);
    });
  });

  describe('the customers page', () => {
    it('shows active and new customers and the repeat rate (10 of 17), by month and by team', async () => {
      const { document: doc } = await load('customers');
      expect(summary(doc).slice(0, 3)).toEqual([
        ['Active customers', '17', 'bought at least once'],
        ['New customers', '7', 'first purchase ever'],
        ['Repeat rate', '58.8%', 'of active customers had bought before'],
      ]);
      expect(rows(doc, 'months').map((r) => r.slice(0, 4))).toEqual([
        ['November 2026 (to date)', '17', '7', '58.8%'],
        ['October 2026', '15', '4', '73.3%'],
        ['September 2026', '14', '5', '64.3%'],
        ['August 2026', '13', '6', '53.8%'],
        ['July 2026', '10', '10', '0.0%'],
      ]);
      expect(rows(doc, 'teams')).toEqual([
        ['East', '11', '5', '54.5%'],
        ['West', '6', '2', '66.7%'],
      ]);
    });

    it('shows market shares by segment', async () => {
      const { document: doc } = await load('customers');
      expect(rows(doc, 'markets')[0]).toEqual(['Q4 2026', 'All regions', 'enterprise', '$900,000', '$54,000', '6.0%']);
      expect(doc.querySelector('[data-testid="not-in-snapshot"]')).toBeNull();
    });
  });

  describe('customer behaviour on the customers page', () => {
    // 38 customers: 32 first bought July–November 2026, 6 (cus_33 to cus_38) in November 2025.
    it('counts repeat purchase: 21 of 38 bought more than once, 83.0% of net revenue (175,500 of 211,500.25)', async () => {
      const { document: doc } = await load('customers');
      expect(summary(doc.querySelector('[data-testid="repeat-purchase"]') as unknown as Document).slice(0, 2)).toEqual([
        ['Bought more than once', '21 of 38', '55.3% of customers'],
        ['Their share of net revenue', '83.0%', "of all customers' net revenue"],
      ]);
    });

    it('shows retention by cohort as a heatmap and a table, to October (the last complete month)', async () => {
      const { document: doc } = await load('customers');
      const section = doc.querySelector('[data-testid="retention"]');
      expect(section?.querySelector('.chart-wide svg')?.getAttribute('aria-label')).toMatch(
        /^Heatmap of cohort retention: for each month of first purchase from November 2025 to October 2026, /,
      );
      // July: 5, 5 and 6 of its 10 customers came back in August, September and October.
      expect(rows(doc, 'retention')).toEqual([
        ['October 2026', '4', '—Not 1 months old by October 2026', '—Not 2 months old by October 2026', '—Not 3 months old by October 2026', '—Not 6 months old by October 2026', '—Not 12 months old by October 2026'],
        ['September 2026', '5', '20.0%', '—Not 2 months old by October 2026', '—Not 3 months old by October 2026', '—Not 6 months old by October 2026', '—Not 12 months old by October 2026'],
        ['August 2026', '6', '50.0%', '16.7%', '—Not 3 months old by October 2026', '—Not 6 months old by October 2026', '—Not 12 months old by October 2026'],
        ['July 2026', '10', '50.0%', '50.0%', '60.0%', '—Not 6 months old by October 2026', '—Not 12 months old by October 2026'],
        ['November 2025', '6', '0.0%', '0.0%', '0.0%', '0.0%', '—Not 12 months old by October 2026'],
      ]);
    });

    it('segments the 38 customers by RFM, each with its rule: 5 new (one order, bought in the last weeks)', async () => {
      const { document: doc } = await load('customers');
      const rfm = rows(doc, 'rfm');
      expect(rfm.map((r) => r[0])).toEqual(['Champions', 'Loyal', 'New', 'Promising', 'At risk', 'Hibernating', 'Needs attention']);
      expect(rfm.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(38);
      // cus_27, 28, 29, 30 and 32: 2,500.25 + 2,000 + 2,000 + 2,500 + 4,000.
      expect(rfm[2]).toEqual(['New', 'first purchase recently (R 4–5, one order)', '5', '13.2%', '$13,000', '6.1%']);
    });

    it('lists the top customers by net revenue, replacing the old placeholder', async () => {
      const { document: doc } = await load('customers');
      expect(rows(doc, 'top-customers').slice(0, 2)).toEqual([
        ['cus_01', '$29,500', '10', 'Jul 6, 2026', 'Nov 30, 2026', 'Champions', 'enterprise', 'east', 'East', 'Ana Lima'],
        ['cus_02', '$19,500', '7', 'Jul 15, 2026', 'Nov 6, 2026', 'Loyal', 'enterprise', 'east', 'East', 'Ana Lima'],
      ]);
      expect(doc.querySelector('[data-table="top-customers"] tbody a')?.getAttribute('href')).toBe('/teams/team_east/');
    });

    it('charts the segments by month, enterprise first (88,000 over the months shown against 74,000)', async () => {
      const { document: doc } = await load('customers');
      const svg = doc.querySelector('[data-testid="segments"] .chart-wide svg');
      expect(svg?.getAttribute('aria-label')).toBe(
        'Line chart of net revenue by customer segment and month, November 2025 to October 2026: enterprise $28,000, smb $16,000 in October 2026.',
      );
      expect(rows(doc, 'segments')[0]).toEqual(['November 2026 (to date)', 'enterprise', '8', '9', '$26,000']);
    });

    it('measures lifetime value on the one cohort 12 months old: 26,500 / 6 customers, profit unknown', async () => {
      const { document: doc } = await load('customers');
      const section = doc.querySelector('[data-testid="lifetime-value"]');
      expect(summary(section as unknown as Document)).toEqual([
        ['Net revenue per customer', '$4,416.67', 'in their first 12 months'],
        ['Profit per customer', '—', 'Margin unknown: a sale in October 2026 has no cost'],
        ['Measured on', '6 customers', '1 cohort at least 12 months old'],
      ]);
      expect(text(section?.querySelector('[data-testid="ltv-rule"]'))).toBe(
        'Measured, not modelled: the net revenue (sales less refunds) each customer brought in their first 12 months, counting the month of the first purchase, ' +
          'averaged over the 6 customers of the 1 cohort (months of first purchase) old enough to have been watched that long by October 2026; ' +
          "for the profit, times the company's margin over July 2026 to October 2026, which is unknown: a sale in October 2026 has no cost.",
      );
    });

    it('lists the lapsing customers with days since and their usual gap', async () => {
      const { document: doc } = await load('customers');
      expect(rows(doc, 'lapsing')).toEqual([
        ['cus_09', '$4,000', '2', 'Jul 10, 2026', '143', '7.0', 'No team', 'Ben Okafor'],
        ['cus_13', '$4,000', '2', 'Sep 15, 2026', '76', '34.0', 'No team', 'Ben Okafor'],
      ]);
    });

    it('charts the sales cycle of Q3 2026 with won and lost, and tabulates each quarter', async () => {
      const { document: doc } = await load('customers');
      const section = doc.querySelector('[data-testid="sales-cycle"]');
      expect(section?.querySelector('.chart-wide svg')?.getAttribute('aria-label')).toBe(
        'Bar chart of opportunities won Q3 2026 by days from opened to won: 0–7 days 1, 8–14 days 2, 15–30 days 3, 31–60 days 1, 61–90 days 0, 91–180 days 0, 181+ days 0.',
      );
      expect(text(section?.querySelector('.section-note'))).toContain('8 won and 7 lost (win rate 53.3%). 1 won opportunity has no opening on record and is not in a bar.');
      expect(rows(doc, 'sales-cycle').map((r) => r.slice(0, 4))).toEqual([
        ['Q4 2026 (to date)', '7', '5', '58.3%'],
        ['Q3 2026', '8', '7', '53.3%'],
      ]);
    });
  });

  describe('the forecasts pages', () => {
    const fact = (doc: Document, section: string, key: string) => text(doc.querySelector(`[data-testid="forecast-${section}"] [data-fact="${key}"] dd`));

    it('links to the forecasts from the navigation of every page', async () => {
      for (const path of ALL_PAGES) {
        const { document: doc } = await load(path);
        expect(doc.querySelector('nav[aria-label="Site"] a[href="/forecasts/"]')?.textContent, path).toBe('Forecasts');
      }
    });

    it('switches grain with plain links and explains how each forecast is made', async () => {
      const { document: doc } = await load('forecasts');
      expect([...doc.querySelectorAll('.grain-switch a')].map((a) => [text(a), a.getAttribute('href'), a.getAttribute('aria-current')])).toEqual([
        ['Months', '/forecasts/', 'page'],
        ['Weeks', '/forecasts/weeks/', null],
        ['Quarters', '/forecasts/quarters/', null],
      ]);
      expect(text(doc.querySelector('[data-testid="how-chosen"]'))).toContain('rolling-origin backtest');
      expect(text(doc.querySelector('[data-testid="how-chosen"]'))).toContain('the range is widened to fit the backtest (never narrowed)');
    });

    it("forecasts the company's months naively, says why, and charts the range", async () => {
      const { document: doc } = await load('forecasts');
      expect(fact(doc, 'company', 'method')).toBe('Naive: every period ahead is the last one');
      expect(fact(doc, 'company', 'why')).toBe('Only 4 months of history: too short to backtest, so the last value is carried forward.');
      expect(fact(doc, 'company', 'accuracy')).toBe('Not measured: the history is too short for a backtest.');
      expect(fact(doc, 'company', 'interval')).toBe("The model's own 80% width, ±1.28 standard errors: without a backtest it cannot be checked.");
      expect(fact(doc, 'company', 'next')).toBe('November 2026 (running; $49,500 so far): $44,000, 80% range $37,899–$50,101');
      const svg = doc.querySelector('[data-testid="forecast-company"] .chart-wide svg');
      expect(svg?.querySelectorAll('.fc-band path')).toHaveLength(1);
      expect(svg?.querySelectorAll('.fc-forecast circle')).toHaveLength(6);
    });

    it('says why a team has no forecast', async () => {
      const { document: doc } = await load('forecasts');
      expect(text(doc.querySelector('[data-testid="forecast-team-team_east"] [data-testid="no-forecast"]'))).toBe(
        'No forecast for East: only 1 complete month of figures: a forecast needs at least 2.',
      );
      expect(doc.querySelector('[data-testid="forecast-team-team_east"] svg')).toBeNull();
    });

    it('lists every forecast row, sortable, with CSVs of the rows and of each chart', async () => {
      const { document: doc } = await load('forecasts');
      expect(rows(doc, 'forecasts')).toHaveLength(6);
      expect(rows(doc, 'forecasts')[0]).toEqual(['Company', 'November 2026', '$44,000', '$37,899', '$50,101', 'Naive']);
      expect(doc.querySelectorAll('[data-table="forecasts"] th button').length).toBeGreaterThan(0);
      const csv = await downloadCsv('forecasts', 'forecasts');
      expect(csv.split('\r\n').slice(0, 3)).toEqual([
        'scope,period,forecast,lower,upper,method',
        'company,2026-11,44000,37898.5941,50101.4059,naive',
        'company,2026-12,44000,35371.3091,52628.6909,naive',
      ]);
      const chart = await downloadCsv('forecasts', 'company');
      expect(chart.split('\r\n').slice(0, 2)).toEqual(['period,net_revenue,forecast,lower_80,upper_80', '2026-07,30000,,,']);
      expect(chart.split('\r\n')[5]).toBe('2026-11,49500.25,44000,37898.5941,50101.4059');
    });

    it('forecasts East by week (6,000 then 8,000: naive, 8,000 ± 1.2816 × 2,000)', async () => {
      const { document: doc } = await load('forecasts/weeks');
      expect(rows(doc, 'forecasts')).toHaveLength(13);
      expect(rows(doc, 'forecasts')[0]).toEqual(['East', 'Week 49, 2026', '$8,000', '$5,437', '$10,563', 'Naive']);
      expect(doc.querySelectorAll('[data-testid="forecast-team-team_east"] .chart svg')).toHaveLength(2);
    });

    it('has no quarter forecast yet: only Q3 2026 is complete', async () => {
      const { document: doc } = await load('forecasts/quarters');
      expect(doc.querySelectorAll('[data-testid="no-forecast"]')).toHaveLength(3);
      expect(text(doc.querySelector('[data-table="forecasts"] .table-empty'))).toBe('No scope has enough history for a forecast yet.');
    });
  });

  describe("a team's forecast", () => {
    it("gives East's next 4 weeks and the month two ways on its page", async () => {
      const { document: doc } = await load('teams/team_east');
      const section = doc.querySelector('[data-testid="team-forecast"]');
      expect(rows(doc, 'forecast')).toEqual([
        ['Week 49, 2026 (running)', 'Nov 30 – Dec 6, 2026', '$8,000', '$5,437', '$10,563'],
        ['Week 50, 2026', 'Dec 7–13, 2026', '$8,000', '$4,375', '$11,625'],
        ['Week 51, 2026', 'Dec 14–20, 2026', '$8,000', '$3,561', '$12,439'],
        ['Week 52, 2026', 'Dec 21–27, 2026', '$8,000', '$2,874', '$13,126'],
      ]);
      expect(text(section?.querySelector('[data-part="pace"] .projection-value'))).toBe('$30,000 by month end: 90.9% of the $33,000 target');
      expect(text(section?.querySelector('[data-part="forecast"] dd'))).toBe('No forecast: only 1 complete month of figures: a forecast needs at least 2.');
    });

    it('shows it on the latest week only, to keep the weekly pages small', async () => {
      expect(rows((await load('teams/team_east/weeks/2026-W49')).document, 'forecast')).toHaveLength(4);
      expect((await load('teams/team_east/weeks/2026-W48')).document.querySelector('[data-testid="team-forecast"]')).toBeNull();
      const west = (await load('teams/team_west/weeks/2026-W48')).document;
      expect(text(west.querySelector('[data-table="forecast"] .table-empty'))).toBe('No weekly forecast: only 1 complete week of figures: a forecast needs at least 2.');
    });
  });

  describe('the data-quality page', () => {
    it('counts what was stored, refused, late and left out, and lists each', async () => {
      const { document: doc } = await load('data-quality');
      expect(summary(doc).map(([label, value]) => [label, value])).toEqual([
        ['Events stored', '374'],
        ['Requests rejected', '3'],
        ['Conflicts', '1'],
        ['Late events', '2'],
        ['Orphan refunds', '1'],
        ['Sales with no team', '1'],
      ]);
      expect(rows(doc, 'orphan-refunds')).toEqual([['evt_refund_0099', 'sale_unknown_1', '$120.50', 'Nov 12, 2026, 10:00 AM EST']]);
      expect(rows(doc, 'arrivals')).toEqual([
        ['Nov 30, 2026', 'customer.contacted', 'crm', '5'],
        ['Nov 30, 2026', 'sale.closed', 'shop', '1'],
        ['Nov 30, 2026', 'sale.refunded', 'shop', '1'],
        ['Nov 29, 2026', 'sale.closed', 'shop', '3'],
      ]);
    });
  });

  describe('the appraisal pages', () => {
    const sectionText = (doc: Document, id: string) => text(doc.querySelector(`[data-testid="${id}"]`));

    it('links to the appraisals from the navigation of every page', async () => {
      const { document: doc } = await load('');
      expect([...doc.querySelectorAll('nav[aria-label="Site"] a')].map((a) => text(a))).toEqual([
        'Dashboard', 'Teams', 'Reps', 'Appraisals', 'Forecasts', 'Customers', 'Data quality',
      ]);
      const { document: index } = await load('appraisals');
      expect(index.querySelector('nav[aria-label="Site"] a[aria-current="page"]')?.getAttribute('href')).toBe('/appraisals/');
    });

    it('lists every period newest first on /appraisals/, with status, bands and payroll', async () => {
      const { document: doc } = await load('appraisals');
      expect(rows(doc, 'periods')).toEqual([
        ['2026', 'Provisional', 'Annual performance review', '3 of 3', 'S 1 · A 1 · B 1 · C 0 · D 0', '$5,520.01', 'payroll.csv'],
        ['Q4 2026', 'Provisional', 'Quarterly sales appraisal', '3 of 3', 'S 0 · A 0 · B 1 · C 2 · D 0', '$2,380.01', 'payroll.csv'],
        ['Q3 2026', 'Locked Oct 5, 2026', 'Quarterly sales appraisal', '3 of 3', 'S 0 · A 2 · B 0 · C 1 · D 0', '$3,140.00', 'payroll.csv'],
      ]);
    });

    describe('a running period: Q4 2026', () => {
      const PATH = 'appraisals/2026-Q4';

      it('says plainly that it is provisional', async () => {
        const { document: doc } = await load(PATH);
        expect(text(doc.querySelector('h1'))).toBe('Q4 2026 appraisals');
        expect(doc.querySelector('[data-testid="period-status"]')?.getAttribute('data-status')).toBe('running');
        expect(sectionText(doc, 'period-status')).toBe(
          'Provisional: Q4 2026 is still running. Scores, bands and commission are to date and will change until it ends.',
        );
      });

      it('sums the commission: 745.01 + 675 + 960 payable, with the clawback and the adjustment', async () => {
        const { document: doc } = await load(PATH);
        expect(summary(doc)).toEqual([
          ['Reps rated', '3', 'Mean score 86.41'],
          ['Promotion candidates', '0', ''],
          ['Improvement plans', '0', ''],
          ['Commission payable', '$2,380.01', 'Earned $2,295.01, clawed back $15.00, adjusted +$100.00'],
        ]);
      });

      it('draws the band distribution as a named SVG, its numbers in a table', async () => {
        const { document: doc } = await load(PATH);
        const svg = doc.querySelector('[data-testid="band-distribution"] .chart-wide svg');
        expect(svg?.getAttribute('role')).toBe('img');
        expect(svg?.getAttribute('aria-label')).toBe(
          'Bar chart of reps per rating band, Q4 2026: S · Outstanding 0 (0%); A · Exceeds 0 (0%); B · Meets 1 (33%); C · Partly meets 2 (67%); D · Below 0 (0%).',
        );
        expect(svg?.querySelectorAll('.bb-bar rect')).toHaveLength(5);
        expect(rows(doc, 'bands').map((r) => r.slice(0, 3))).toEqual([
          ['S · Outstanding', '120', '0'],
          ['A · Exceeds', '105', '0'],
          ['B · Meets', '90', '1'],
          ['C · Partly meets', '70', '2'],
          ['D · Below', '0', '0'],
        ]);
      });

      it('calibrates the teams against the company', async () => {
        const { document: doc } = await load(PATH);
        expect(rows(doc, 'calibration')).toEqual([
          ['Company', '3', '86.41', '0', '0', '1', '2', '0', 'The reference'],
          ['East', '2', '86.96', '0', '0', '1', '1', '0', 'Not judged: fewer than 3 reps rated'],
          ['West', '1', '85.30', '0', '0', '0', '1', '0', 'Not judged: fewer than 3 reps rated'],
        ]);
      });

      it('lists the reps in a sortable table, best score first, linking to their appraisal', async () => {
        const { document: doc } = await load(PATH);
        expect(rows(doc, 'reps')).toEqual([
          ['Ben Okafor', 'East', '92.00', 'B', 'Bonus × 1', '1 of 2', '$675', '$0', '$0', '$675'],
          ['Cleo Park', 'West', '85.30', 'C', 'Bonus × 0.5', '1 of 1', '$860', '$0', '+$100', '$960'],
          ['Ana Lima', 'East', '81.92', 'C', 'Bonus × 0.5', '2 of 2', '$760', '$15', '$0', '$745'],
        ]);
        expect(doc.querySelector('[data-table="reps"] tbody a')?.getAttribute('href')).toBe('/appraisals/2026-Q4/rep_ben/');
        expect(doc.querySelector('[data-table="reps"] th[aria-sort]')?.getAttribute('data-key')).toBe('score');
        expect(doc.querySelector('[data-table-island]')?.getAttribute('data-table-island')).toBe('reps');
      });

      it('shows the feedback groups of 5 or more and how many were hidden', async () => {
        const { document: doc } = await load(PATH);
        expect(rows(doc, 'feedback')).toEqual([['Company', 'workload', '6', '3.67', '50.0%']]);
        expect(sectionText(doc, 'feedback-hidden')).toBe(
          '2 groups were hidden: fewer than 5 responses, or a company figure from which such a group could be worked out (workload (2)).',
        );
      });

      it('says it is not locked, and links to its payroll file', async () => {
        const { document: doc } = await load(PATH);
        expect(sectionText(doc, 'lock-status')).toBe('Not locked: the figures follow the events until an administrator locks Q4 2026.');
        expect(rows(doc, 'lock-audit')).toEqual([['Q4 2026 has never been locked.']]);
        expect(doc.querySelector('[data-testid="payroll-link"]')?.getAttribute('href')).toBe('/appraisals/2026-Q4/payroll.csv');
      });

      it('writes the payroll CSV with money exact as in the snapshot', async () => {
        const csv = await readFile(join(dir, 'dist', PATH, 'payroll.csv'), 'utf8');
        expect(csv.split('\r\n')).toEqual([
          'rep_id,rep_name,team_id,band,consequence,bonus_multiplier,earned,clawback,adjustment,payable',
          'rep_ana,Ana Lima,team_east,C,Partly meets: bonus × 0.5,0.5,760.01,15,0,745.01',
          'rep_ben,Ben Okafor,team_east,B,Meets: bonus × 1,1,675,0,0,675',
          'rep_cleo,Cleo Park,team_west,C,Partly meets: bonus × 0.5,0.5,860,0,100,960',
          '',
        ]);
      });
    });

    it('shows a locked period’s lock and its audit (Q3 2026)', async () => {
      const { document: doc } = await load('appraisals/2026-Q3');
      expect(doc.querySelector('[data-testid="period-status"]')?.getAttribute('data-status')).toBe('locked');
      expect(sectionText(doc, 'period-status')).toMatch(/^Locked on Oct 5, 2026, 10:00 AM EDT: these figures are frozen\./);
      expect(sectionText(doc, 'lock-status')).toBe('Locked Oct 5, 2026.');
      expect(rows(doc, 'lock-audit').map((r) => r.slice(0, 3))).toEqual([
        ['Oct 2, 2026, 11:00 AM EDT', 'Locked', 'maria.hr'],
        ['Oct 3, 2026, 5:30 AM EDT', 'Unlocked', 'maria.hr'],
        ['Oct 5, 2026, 10:00 AM EDT', 'Locked', 'maria.hr'],
      ]);
    });

    describe("a rep's appraisal: Cleo, Q3 2026 (no CSAT responses)", () => {
      const PATH = 'appraisals/2026-Q3/rep_cleo';

      it('explains each score and says which standard was not scored and why the weights grew', async () => {
        const { document: doc } = await load(PATH);
        expect(text(doc.querySelector('h1'))).toBe('Cleo Park: Q3 2026 appraisal');
        expect(rows(doc, 'scorecard')).toEqual([
          ['Net revenue against target', '$36,000.00', '$40,000.00', '50%', '62.5%', '90.00', 'Scored', '100 × 36000 / 40000 = 90'],
          ['New customers', '0', '1', '20%', '25%', '0.00', 'Scored', '100 × 0 / 1 = 0'],
          ['Customer satisfaction (CSAT)', '—No figure for Q3 2026', '—Scored against thresholds (see how it was scored)', '20%', '—Not scored', '—Not scored', 'Not scored: no data', 'no customer satisfaction (csat) figure for the period: not scored'],
          ['Complaints', '0', '—Scored against thresholds (see how it was scored)', '10%', '12.5%', '120.00', 'Scored', '0 is at most 0: 120 points'],
        ]);
        expect(sectionText(doc, 'renormalised')).toBe(
          "Not scored: Customer satisfaction (CSAT) (no data). The other standards' weights were scaled up to sum to 1 (each weight ÷ the scored weights' sum), shown as the effective weight.",
        );
        expect(sectionText(doc, 'score-formula')).toBe('Weighted score = Σ effective weight × score = 0.625 × 90 + 0.25 × 0 + 0.125 × 120 = 71.25');
      });

      it('gives the band, what follows, the rank and the commission tiers', async () => {
        const { document: doc } = await load(PATH);
        expect(summary(doc).slice(0, 7)).toEqual([
          ['Weighted score', '71.25', '100 = on target'],
          ['Band', 'C', 'Partly meets, from 70'],
          ['Bonus multiplier', '× 0.5', ''],
          ['Promotion candidate', 'No', ''],
          ['Improvement plan', 'No', ''],
          ['Rank in team', '1 of 1', 'West'],
          ['Commission payable', '$1,040.00', 'Earned $1,040.00'],
        ]);
        expect(rows(doc, 'tiers').slice(0, 2)).toEqual([
          ['0%–50%', '2.00%', '$20,000.00', '$400.00'],
          ['50%–100%', '4.00%', '$16,000.00', '$640.00'],
        ]);
        expect(sectionText(doc, 'no-clawbacks')).toBe('No clawbacks in Q3 2026.');
      });
    });

    describe("a rep's appraisal: Ana, Q4 2026 (a clawback)", () => {
      const PATH = 'appraisals/2026-Q4/rep_ana';

      it('builds the base from the sales and the refund of them, the lines folded away', async () => {
        const { document: doc } = await load(PATH);
        expect(sectionText(doc, 'base-formula')).toBe('4 sales $34,312.35 − 1 refund of them $312.10 = base $34,000.25');
        expect(doc.querySelector('details[data-testid="base-lines"]')?.hasAttribute('open')).toBe(false);
        expect(rows(doc, 'base-lines').at(-1)).toEqual(['Nov 27, 2026', 'Refund', 'sale_a404', 'evt_refund_0042', '-$312.10']);
      });

      it("claws back a Q3 sale's refund at Q3's rate and pays the rest", async () => {
        const { document: doc } = await load(PATH);
        expect(rows(doc, 'clawbacks')).toEqual([['Oct 12, 2026', 'sale_a301', 'Q3 2026', '$500.00', '3.00%', '$15.00']]);
        expect(sectionText(doc, 'payable-formula')).toBe('Earned $760.01 − clawback $15.00 + adjustment $0.00 = payable $745.01');
        expect(sectionText(doc, 'no-adjustments')).toBe('No adjustments in Q4 2026.');
      });

      it('charts the recent quarters, this one highlighted, and says them in one line for print', async () => {
        const { document: doc } = await load(PATH);
        const svg = doc.querySelector('[data-testid="score-trend"] .chart-wide svg');
        expect(svg?.getAttribute('aria-label')).toBe(
          "Bar chart of Ana Lima's weighted score by period, with 100 (on target) as a line: Q3 2026 116.00 A; Q4 2026 (provisional) 81.92 C.",
        );
        // Q3 drawn plainly, Q4 (running) as partial; the page's wrapper highlights Q4's bar.
        expect(svg?.querySelectorAll('.st-bar rect')).toHaveLength(1);
        expect(svg?.querySelectorAll('.st-bar-partial rect')).toHaveLength(1);
        expect(doc.querySelector('[data-testid="score-trend"] .chart-wide')?.classList.contains('hl-partial-1')).toBe(true);
        expect(sectionText(doc, 'trend-line')).toBe('Recent quarters: Q3 2026 116.00 (A) · Q4 2026 81.92 (C, provisional)');
      });
    });

    it("shows the adjustment from the locked quarter on Cleo's Q4", async () => {
      const { document: doc } = await load('appraisals/2026-Q4/rep_cleo');
      expect(rows(doc, 'adjustments')).toEqual([['Q3 2026', '+$100.00', '2026-Q3 is locked; events since changed its commission']]);
      expect(summary(doc)[6]).toEqual(['Commission payable', '$960.00', 'Earned $860.00']);
    });

    it('sends the reader of a year to its quarters for the feedback', async () => {
      const { document: doc } = await load('appraisals/2026');
      expect(sectionText(doc, 'feedback-by-quarter')).toBe(
        'Feedback is shown per quarter only: a year less its quarters could give a hidden group away. See Q3 2026, Q4 2026.',
      );
      expect(doc.querySelector('[data-testid="feedback-by-quarter"] a')?.getAttribute('href')).toBe('/appraisals/2026-Q3/');
    });

    it("shows a year's commission as the sum of its quarters (Ben, 2026)", async () => {
      const { document: doc } = await load('appraisals/2026/rep_ben');
      expect(rows(doc, 'quarters')).toEqual([
        ['Q3 2026', 'Locked Oct 5, 2026', '$900.00', '$0.00', '$0.00', '$900.00'],
        ['Q4 2026', 'Provisional', '$675.00', '$0.00', '$0.00', '$675.00'],
      ]);
      expect(sectionText(doc, 'score-formula')).toMatch(/= 0\.2727 × 130 \+ 0\.2727 × 150 \+ 0\.2727 × 100 \+ 0\.1818 × 125 ≈ 126\.36 \(the effective weights/);
      expect(doc.querySelector('[data-testid="base-lines"]')).toBeNull();
    });
  });
});

// Two settings in one build (each build costs CI time): no appraisals, and every table's CSV a file.
describe('astro build with PUBLISH_APPRAISALS=false and CSV_INLINE_MAX_CHARS=0', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await buildDir();
    const run = await astroBuild(join(dir, 'dist'), { SNAPSHOT_FILE: FIXTURE_PATH, PUBLISH_APPRAISALS: 'false', CSV_INLINE_MAX_CHARS: '0' });
    if (run.code !== 0) throw new Error(`astro build failed (${run.code}):\n${run.output}`);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes no appraisal page or file', async () => {
    const files = (await readdir(join(dir, 'dist'), { recursive: true })).map(String);
    expect(files.filter((f) => f.startsWith('appraisals'))).toEqual([]);
    expect(files).toContain(join('reps', 'rep_cleo', 'index.html'));
  });

  it('has no navigation link to the appraisals', async () => {
    for (const path of ['index.html', join('reps', 'rep_cleo', 'index.html')]) {
      const source = await readFile(join(dir, 'dist', path), 'utf8');
      expect(source, path).not.toContain('/appraisals/');
      const doc = parseHTML(source).document as unknown as Document;
      expect([...doc.querySelectorAll('nav[aria-label="Site"] a')].map((a) => text(a)), path).toEqual(['Dashboard', 'Teams', 'Reps', 'Forecasts', 'Customers', 'Data quality']);
    }
  });

  it('writes every table\'s CSV as a file beside its page (the pages hand them to the build): the table\'s exact CSV, and nothing else', async () => {
    const tables = siteTables(fixtureSnapshot(), { appraisals: false });
    expect(await csvFilesIn(join(dir, 'dist'))).toEqual([...tables.map((t) => t.path), 'downloads/company-months.csv'].sort());
    for (const { path, table } of tables) expect(await readFile(join(dir, 'dist', path), 'utf8'), path).toBe(tableCsv(table));
  });

  it('links every download to its file, none inline', async () => {
    let links = 0;
    for (const path of ['index.html', 'teams/team_east/index.html', 'teams/team_east/weeks/2026-W48/index.html', 'reps/rep_cleo/index.html', 'customers/index.html', 'forecasts/index.html', 'data-quality/index.html']) {
      const doc = parseHTML(await readFile(join(dir, 'dist', path), 'utf8')).document as unknown as Document;
      for (const link of doc.querySelectorAll('a[download]')) {
        const href = link.getAttribute('href')!;
        expect(href, path).toMatch(/^\/[a-z0-9/_-]+\.csv$/i);
        await expect(readFile(join(dir, 'dist', href), 'utf8'), href).resolves.toMatch(/^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*\r\n/);
        links++;
      }
    }
    expect(links).toBeGreaterThan(30);
  });
});

describe('astro build without a snapshot source', () => {
  it('fails and says to set SNAPSHOT_FILE or SNAPSHOT_URL', async () => {
    const dir = await buildDir();
    try {
      const run = await astroBuild(join(dir, 'dist'), {});
      expect(run.code).not.toBe(0);
      expect(run.output).toContain('No snapshot source: set SNAPSHOT_FILE');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
