/**
 * The built site in real Chromium: every page the fixture snapshot builds, at laptop (1280 px)
 * and phone (390 px) width, light and dark. Pages are discovered from the HTML files the build
 * wrote, so new pages are covered as they appear.
 *
 * Each page is loaded once per variant (its islands hydrated), screenshotted to
 * test-artifacts/browser/<page>-<width>-<scheme>.png, and checked with axe-core with every
 * `<details>` opened; the tests below then judge what was collected.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH); without it every test here
 * fails with the command that installs it.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, runAxe, VARIANTS, waitForIslands, watchErrors } from './support/browser.ts';
import type { AxeViolation, Variant } from './support/browser.ts';
import { buildAndServe, pageSlug, ROOT } from './support/site.ts';
import type { BuiltSite } from './support/site.ts';
import { pageFacts } from './support/page-facts.ts';
import type { PageFacts } from './support/page-facts.ts';
import { checkSorting, findSortableTable } from './support/sortable-table.ts';
import { periodName } from '../../site/data/format.ts';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');

/**
 * Pages that must show at least one chart (an `<svg role="img">`) at every width: the dashboard,
 * customers, each team, team week and rep (trends against target), each appraisal period (the
 * band distribution) and each rep's appraisal (their recent scores), the month and week
 * forecasts (the fixture's company has months enough, East weeks enough; no scope has two
 * complete quarters, so the quarter page shows why instead). Indexes and data quality (whose
 * chart depends on what arrived) are not required to.
 */
const CHART_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/customers\/$/,
  /^\/forecasts\/$/,
  /^\/forecasts\/weeks\/$/,
  /^\/teams\/[^/]+\/$/,
  /^\/teams\/[^/]+\/weeks\/[^/]+\/$/,
  /^\/reps\/[^/]+\/$/,
  /^\/appraisals\/[^/]+\/$/,
  /^\/appraisals\/[^/]+\/[^/]+\/$/,
];

interface Visit extends PageFacts {
  variant: Variant;
  status: number;
  errors: string[];
  axe: AxeViolation[];
}

const visits = new Map<string, Visit[]>();
/** A page's visit at laptop width in light mode (links and tables are the same in every variant). */
const laptop = (list: readonly Visit[]): Visit | undefined => list.find((v) => v.variant.name === '1280-light');
let site: BuiltSite;
let browser: Browser;

async function visit(page: Page, url: string, variant: Variant, errors: { take(): string[] }): Promise<Visit> {
  errors.take();
  const response = await page.goto(url, { waitUntil: 'load' });
  await waitForIslands(page);
  const path = new URL(url).pathname;
  await page.screenshot({ path: join(ARTIFACTS, `${pageSlug(path)}-${variant.name}.png`), fullPage: true });
  const facts = await pageFacts(page, variant.width);
  let axe: AxeViolation[] = [];
  if (variant.axe) {
    // Check what is folded away too: the data tables behind "Show the numbers as a table".
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    axe = await runAxe(page);
  }
  return { variant, status: response?.status() ?? 0, errors: errors.take(), axe, ...facts };
}

describe('the built site in Chromium', () => {
  beforeAll(async () => {
    await rm(ARTIFACTS, { recursive: true, force: true });
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    site = await buildAndServe();
    const origin = site.server.url.replace(/\/$/, '');
    for (const path of site.pages) visits.set(path, []);
    // One browser context per variant, the four side by side.
    await Promise.all(
      VARIANTS.map(async (variant) => {
        const context: BrowserContext = await newContext(browser, variant);
        try {
          const page = await context.newPage();
          const errors = watchErrors(page, origin);
          for (const path of site.pages) visits.get(path)?.push(await visit(page, origin + path, variant, errors));
        } finally {
          await context.close();
        }
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await site?.dispose();
  });

  it('builds the dashboard and serves every page with HTTP 200', () => {
    expect(site.pages[0]).toBe('/');
    const bad = [...visits].flatMap(([path, list]) => list.filter((v) => v.status !== 200).map((v) => `${path} ${v.variant.name}: HTTP ${v.status}`));
    expect(bad).toEqual([]);
  });

  it('covers a page of every kind product.md lists', () => {
    const kinds: [string, RegExp][] = [
      ['dashboard', /^\/$/],
      ['team index', /^\/teams\/$/],
      ['team', /^\/teams\/[^/]+\/$/],
      ['team week', /^\/teams\/[^/]+\/weeks\/[^/]+\/$/],
      ['rep index', /^\/reps\/$/],
      ['rep', /^\/reps\/[^/]+\/$/],
      ['customers', /^\/customers\/$/],
      ['forecasts', /^\/forecasts\/$/],
      ['forecasts by week and quarter', /^\/forecasts\/(weeks|quarters)\/$/],
      ['data quality', /^\/data-quality\/$/],
      ['appraisal index', /^\/appraisals\/$/],
      ['appraisal period', /^\/appraisals\/[^/]+\/$/],
      ['rep appraisal', /^\/appraisals\/[^/]+\/[^/]+\/$/],
    ];
    const missing = kinds.filter(([, re]) => !site.pages.some((p) => re.test(p))).map(([kind]) => kind);
    expect(missing, `pages built: ${site.pages.join(' ')}`).toEqual([]);
  });

  it('logs no console error, uncaught exception or failed request on any page', () => {
    const errors = [...visits].flatMap(([path, list]) => list.flatMap((v) => v.errors.map((e) => `${path} ${v.variant.name}: ${e}`)));
    expect(errors).toEqual([]);
  });

  it('shows charts as named SVG images with marks, where charts are expected, at every width', () => {
    const problems: string[] = [];
    for (const [path, list] of visits) {
      for (const v of list) {
        const where = `${path} ${v.variant.name}`;
        if (CHART_PAGES.some((re) => re.test(path)) && v.charts.visible === 0) problems.push(`${where}: no visible chart`);
        if (v.charts.unnamed > 0) problems.push(`${where}: ${v.charts.unnamed} chart(s) without an accessible name`);
        if (v.charts.empty > 0) problems.push(`${where}: ${v.charts.empty} chart(s) without marks`);
        if (v.emptyContainers > 0) problems.push(`${where}: ${v.emptyContainers} chart container(s) without an svg`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("highlights the page's own bar, and only it, in the shared trend charts of the team, week and appraisal pages", async () => {
    const origin = site.server.url.replace(/\/$/, '');
    const pages = site.pages
      .map((path) => ({
        path,
        // A team page's own week is its latest (not in its address): only one bar is checked for there.
        match: /^\/teams\/[^/]+\/weeks\/([^/]+)\/$/.exec(path) ?? /^\/appraisals\/([^/]+)\/[^/]+\/$/.exec(path) ?? /^\/teams\/[^/]+\/()$/.exec(path),
      }))
      .filter((p) => p.match !== null);
    expect(pages.length).toBeGreaterThan(3);
    const ctx = await newContext(browser, VARIANTS[0] as Variant);
    try {
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const { path, match } of pages) {
        await page.goto(origin + path, { waitUntil: 'load' });
        const period = match![1]!;
        // The bar's tooltip starts with its period: "Week 48, 2026" on a week page, "2026-Q4: …" on an appraisal.
        const own = period === '' ? '' : period.includes('-W') ? periodName(period) : period;
        const charts = await page.evaluate(() => {
          const probe = document.createElement('span');
          probe.style.color = 'var(--highlight)';
          document.body.appendChild(probe);
          const highlight = getComputedStyle(probe).color;
          probe.remove();
          return [...document.querySelectorAll('[data-testid="weekly-trend"] .chart, [data-testid="score-trend"] .chart')].map((chart) =>
            [...chart.querySelectorAll('rect')].filter((r) => getComputedStyle(r).fill === highlight).map((r) => r.querySelector('title')?.textContent ?? ''),
          );
        });
        if (charts.length === 0 && path.startsWith('/teams/')) problems.push(`${path}: no weekly trend chart`);
        for (const [i, lit] of charts.entries()) {
          if (lit.length !== 1 || !lit[0]!.startsWith(own)) problems.push(`${path} chart ${i + 1}: highlighted ${JSON.stringify(lit)}, expected the one bar of ${own}`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('fits the phone width without sideways scrolling', () => {
    const wide = [...visits].flatMap(([path, list]) =>
      list
        .filter((v) => v.variant.width < 600 && v.overflowPx > 0)
        .map((v) => `${path} ${v.variant.name}: ${v.overflowPx}px too wide; ${v.overflowing.join('; ') || 'no single element found'}`),
    );
    expect(wide).toEqual([]);
  });

  it('has no serious or critical axe violation, light and dark, laptop and phone', () => {
    const found = [...visits].flatMap(([path, list]) =>
      list.flatMap((v) =>
        v.axe
          .filter((x) => x.impact === 'serious' || x.impact === 'critical')
          .map((x) => `${path} ${v.variant.name}: ${x.impact} ${x.id} (${x.help}) at ${x.nodes.join(', ')}: ${x.summary}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('links only to pages and files the build wrote', async () => {
    const origin = site.server.url.replace(/\/$/, '');
    const targets = new Set<string>();
    for (const list of visits.values()) {
      for (const href of laptop(list)?.links ?? []) if (href.startsWith(origin)) targets.add(href.split('#')[0] as string);
    }
    const broken: string[] = [];
    for (const target of targets) {
      const response = await fetch(target, { method: 'HEAD', redirect: 'follow' });
      if (response.status !== 200) broken.push(`${target.slice(origin.length)}: HTTP ${response.status}`);
    }
    expect(broken).toEqual([]);
  });

  it('saves a screenshot of every page at 1280 and 390 px, light and dark', async () => {
    const files = new Set(await readdir(ARTIFACTS));
    const missing = site.pages.flatMap((path) => VARIANTS.map((v) => `${pageSlug(path)}-${v.name}.png`)).filter((f) => !files.has(f));
    expect(missing).toEqual([]);
  });

  // A rep's appraisal is a document people print and sign: one sheet, on Letter and A4.
  it("prints a rep's appraisal on one page, Letter and A4, with the data stamp and without the folded sales lines", async () => {
    const pages = site.pages.filter((p) => /^\/appraisals\/[^/]+\/[^/]+\/$/.test(p));
    expect(pages.length, `no rep appraisal page among ${site.pages.join(' ')}`).toBeGreaterThan(0);
    const origin = site.server.url.replace(/\/$/, '');
    const ctx = await newContext(browser, VARIANTS[0] as Variant);
    try {
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const path of pages) {
        await page.goto(origin + path, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => ({
          stamp: (document.querySelector('[data-testid="data-stamp"]') as HTMLElement | null)?.offsetParent !== null,
          lines: [...document.querySelectorAll('details.lines')].some((d) => (d as HTMLElement).offsetParent !== null),
          nav: (document.querySelector('.site-nav') as HTMLElement | null)?.offsetParent !== null,
        }));
        if (!printed.stamp) problems.push(`${path}: the data stamp does not print`);
        if (printed.lines) problems.push(`${path}: the sales lines print`);
        if (printed.nav) problems.push(`${path}: the navigation prints`);
        for (const format of ['Letter', 'A4'] as const) {
          const pdf = await page.pdf({ format, preferCSSPageSize: true });
          const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          if (sheets !== 1) problems.push(`${path} ${format}: ${sheets} pages`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  // The table island's contract: a sort button inside each sortable <th>, the sorted column's
  // <th> carrying aria-sort="ascending" or "descending", and the sort kept in the page's URL.
  it('sorts a table by a column both ways, and keeps the sort through a reload of its URL', async () => {
    const candidates = [...visits].filter(([, list]) => (laptop(list)?.sortableHeaders ?? 0) > 0).map(([path]) => path);
    expect(candidates, `no page has a sortable table (expected: <th aria-sort> with a <button> inside; pages: ${site.pages.join(' ')})`).not.toEqual([]);
    const origin = site.server.url.replace(/\/$/, '');
    const ctx = await newContext(browser, VARIANTS[0] as Variant);
    try {
      const page = await ctx.newPage();
      const errors = watchErrors(page, origin);
      const table = await findSortableTable(page, candidates.map((p) => origin + p));
      expect(table, `no table with a column of two or more distinct values to sort among ${candidates.join(' ')}`).not.toBeNull();
      const result = await checkSorting(page, table!);
      await page.screenshot({ path: join(ARTIFACTS, `sorted-${pageSlug(new URL(table!.url).pathname)}-1280-light.png`), fullPage: true });
      expect(result.problems).toEqual([]);
      expect(errors.take()).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('downloads a table as CSV from its link, carried in the page or a file, under its page-and-table name', async () => {
    const origin = site.server.url.replace(/\/$/, '');
    const ctx = await newContext(browser, VARIANTS[0] as Variant);
    try {
      const page = await ctx.newPage();
      const download = async (path: string, selector: string) => {
        await page.goto(origin + path);
        const link = page.locator(selector);
        const href = (await link.getAttribute('href'))!;
        const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
        return { href, name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
      };
      const leaderboard = await download('/teams/team_east/weeks/2026-W48/', '[data-testid="table-leaderboard"] a[download]');
      expect(leaderboard.href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
      expect(leaderboard.name).toBe('teams-team_east-weeks-2026-W48-leaderboard.csv');
      expect(leaderboard.text.split('\r\n').slice(0, 2)).toEqual([
        'rep,net_revenue,target_pace,attainment,new_customers,visits,complaints,orders,win_rate',
        'Ana Lima,5000,4666.6667,1.0714285637755103,1,4,0,2,1',
      ]);
      const payroll = await download('/appraisals/2026-Q4/', '[data-testid="payroll-link"]');
      expect(payroll.href).toBe('/appraisals/2026-Q4/payroll.csv');
      expect(payroll.name).toBe('appraisals-2026-Q4-payroll.csv');
      expect(payroll.text.split('\r\n')[0]).toBe('rep_id,rep_name,team_id,band,consequence,bonus_multiplier,earned,clawback,adjustment,payable');
    } finally {
      await ctx.close();
    }
  });
});
