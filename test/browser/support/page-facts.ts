/**
 * What the browser tests read off a loaded page: its charts, whether it fits the width it was
 * given, its sortable headers and its links.
 */
import type { Page } from 'playwright-core';

export interface PageFacts {
  /** Visible chart images (`<svg role="img">`), and chart images without a name or without marks. */
  charts: { visible: number; unnamed: number; empty: number };
  /** Chart containers (`.chart`, `[data-chart]`) with no svg in them. */
  emptyContainers: number;
  /** How far the page is wider than the viewport: it scrolls sideways (a phone layout problem). */
  overflowPx: number;
  /** The innermost elements sticking out past the viewport (outside any scroll container), described. */
  overflowing: string[];
  /** Buttons inside table headers: the sortable table island. */
  sortableHeaders: number;
  /** Every link's absolute URL. */
  links: string[];
}

/** The facts of the page as it is now, for a viewport `width` px wide. */
export function pageFacts(page: Page, width: number): Promise<PageFacts> {
  return page.evaluate((width) => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const inScroller = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) if (/auto|scroll|hidden|clip/.test(getComputedStyle(e).overflowX)) return true;
      return false;
    };
    const describe = (el: Element) => {
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${cls}> right edge ${Math.round(el.getBoundingClientRect().right)}px "${text}"`;
    };
    const images = [...document.querySelectorAll('svg[role="img"]')];
    const wide = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > width + 0.5 && !inScroller(el.parentElement));
    return {
      charts: {
        visible: images.filter(visible).length,
        unnamed: images.filter((svg) => !(svg.getAttribute('aria-label') ?? '').trim() && !svg.getAttribute('aria-labelledby')).length,
        empty: images.filter((svg) => svg.querySelectorAll('path, rect, line, circle, polyline, polygon').length === 0).length,
      },
      emptyContainers: [...document.querySelectorAll('.chart, [data-chart]')].filter((c) => !c.querySelector('svg')).length,
      // Against the width asked for: a phone's layout viewport grows to fit content that is too wide.
      overflowPx: Math.max(0, document.documentElement.scrollWidth - width),
      // The innermost ones are the culprits.
      overflowing: wide.filter((el) => !wide.some((other) => other !== el && el.contains(other))).slice(0, 3).map(describe),
      sortableHeaders: document.querySelectorAll('th button').length,
      links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
    };
  }, width);
}
