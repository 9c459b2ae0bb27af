/**
 * Real Chromium (Debian's, through playwright-core) and what the browser tests need of it: the
 * four ways a page is looked at (laptop and phone width, light and dark), a page's console
 * errors, hydration of its islands, and axe-core.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../../scripts/lib/chromium.ts';

export interface Variant {
  name: string;
  width: number;
  height: number;
  colorScheme: 'light' | 'dark';
  /** Run axe in this variant too (contrast differs between light and dark; layout at phone width). */
  axe: boolean;
}

export const VARIANTS: readonly Variant[] = [
  { name: '1280-light', width: 1280, height: 800, colorScheme: 'light', axe: true },
  { name: '1280-dark', width: 1280, height: 800, colorScheme: 'dark', axe: true },
  { name: '390-light', width: 390, height: 844, colorScheme: 'light', axe: true },
  { name: '390-dark', width: 390, height: 844, colorScheme: 'dark', axe: false },
];

/** Launch Debian's Chromium; fails with install instructions when it is missing. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS] });
}

export async function newContext(browser: Browser, variant: Variant): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: variant.width, height: variant.height },
    deviceScaleFactor: 1,
    colorScheme: variant.colorScheme,
    isMobile: variant.width < 600,
    hasTouch: variant.width < 600,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
}

/**
 * Everything a page reports as wrong while it loads and runs: console errors, uncaught
 * exceptions, failed requests and same-origin responses of 400 or more. `take()` returns what
 * was collected since the last call.
 */
export function watchErrors(page: Page, origin: string): { take(): string[] } {
  let errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location().url ? ` (${message.location().url.replace(origin, '/')})` : '';
      errors.push(`console.error: ${message.text()}${where}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(origin)) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return {
    take: () => {
      const taken = errors;
      errors = [];
      return taken;
    },
  };
}

/**
 * Wait until every interactive table on the page has hydrated (site/islands/hydrate-tables.ts
 * marks its host `data-mounted` when it calls React's `hydrateRoot`). React 19 hydrates
 * concurrently after that; a table touched before React has finished (a screenshot sets inline
 * `caret-color` on inputs) gets a hydration mismatch. So also wait for every table to report
 * `data-hydrated="true"` from its effect.
 */
export async function waitForIslands(page: Page, timeoutMs = 15_000): Promise<void> {
  const n = await page.locator('[data-table-island]').count();
  if (n > 0) {
    await page.waitForFunction(
      () => document.querySelectorAll('[data-table-island]:not([data-mounted]), [data-hydrated="false"]').length === 0,
      undefined,
      { timeout: timeoutMs },
    );
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending nodes (at most five) with axe's summary of the first. */
  nodes: string[];
  summary: string;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is now (injected from node_modules/axe-core). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: (v.impact ?? null) as string | null,
      help: v.help as string,
      nodes: (v.nodes as { target: unknown[] }[]).slice(0, 5).map((n) => n.target.map(String).join(' ')),
      summary: String((v.nodes as { failureSummary?: string }[])[0]?.failureSummary ?? '').replace(/\s+/g, ' '),
    }));
  });
}
