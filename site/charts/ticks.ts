/**
 * Axis ticks for period labels, and the x scale every chart by period shares. Pure.
 */
import type * as Plot from '@observablehq/plot';
import { periodName } from '../data/format.ts';
import { assertPeriodLabel } from '../data/period.ts';

/**
 * A short tick for a period, with the year under the first tick and at each year's start.
 *
 * @example periodTick('2026-07', true)   // 'Jul\n2026'
 * @example periodTick('2026-W48', false) // 'W48'
 * @example periodTick('2026-Q3', false)  // 'Q3'
 * @example periodTick('2026-11-30', false) // 'Nov 30'
 */
export function periodTick(period: string, first: boolean): string {
  const grain = assertPeriodLabel(period);
  const year = period.slice(0, 4);
  switch (grain) {
    case 'year':
      return year;
    case 'quarter':
      return first || period.endsWith('Q1') ? `${period.slice(5)}\n${year}` : period.slice(5);
    case 'month':
      return first || period.endsWith('-01') ? `${periodName(period, 'short').slice(0, 3)}\n${year}` : periodName(period, 'short').slice(0, 3);
    case 'week':
      return first || period.endsWith('W01') ? `W${period.slice(6)}\n${year}` : `W${period.slice(6)}`;
    case 'day': {
      const name = periodName(period).replace(/, \d{4}$/, '');
      return first || period.endsWith('-01-01') ? `${name}\n${year}` : name;
    }
  }
}

/**
 * At most `max` evenly spaced ticks of a band domain, always keeping the last one.
 *
 * @example thinTicks(['a', 'b', 'c', 'd', 'e'], 3) // ['a', 'c', 'e']
 */
export function thinTicks(domain: readonly string[], max: number): string[] {
  if (max < 1) throw new Error(`invalid max: ${max}`);
  if (domain.length <= max) return [...domain];
  const step = Math.ceil((domain.length - 1) / Math.max(1, max - 1));
  const ticks: string[] = [];
  for (let i = domain.length - 1; i >= 0; i -= step) ticks.unshift(domain[i]!);
  return ticks;
}

/**
 * The x scale of a chart by period: the periods in order, at most `maxTicks` ticks (all when
 * not given) each a short period name with its year under the first, no axis label or tick lines.
 *
 * @example periodScale(['2026-10', '2026-11'], { type: 'band', padding: 0.25, maxTicks: 12 })
 */
export function periodScale(domain: readonly string[], options: { type: 'band' | 'point'; padding: number; maxTicks?: number }): Plot.ScaleOptions {
  const ticks = options.maxTicks === undefined ? [...domain] : thinTicks(domain, options.maxTicks);
  return {
    type: options.type,
    domain: [...domain],
    padding: options.padding,
    label: null,
    tickSize: 0,
    ticks,
    tickFormat: (period: string) => periodTick(period, period === ticks[0]),
  };
}
