/**
 * Forecasts on series with known answers: noise-free seasonal series whose continuation is known
 * exactly, a simulated local-level series with a known smoothing parameter, Box & Jenkins'
 * airline passengers (typed in from the published table), and interval coverage on simulated
 * data where the truth is known.
 */
import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../../shared/forecast/forecast.ts';
import { fit, forecaster } from '../../shared/forecast/models.ts';
import { lastCompletePeriod, netRevenueSeries } from '../../shared/forecast/series.ts';
import { labelRange, shiftLabel } from '../../shared/period.ts';
import { AIR_PASSENGERS } from '../fixtures/air-passengers.ts';
import { mulberry32 } from '../support/seeded.ts';

function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('period labels for forecasts', () => {
  it('shifts across year boundaries at every grain', () => {
    expect(shiftLabel('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftLabel('2026-01', -1)).toBe('2025-12');
    expect(shiftLabel('2026-01', 13)).toBe('2027-02');
    // 2026 has 53 ISO weeks (it starts on a Thursday).
    expect(shiftLabel('2026-W52', 1)).toBe('2026-W53');
    expect(shiftLabel('2026-W53', 1)).toBe('2027-W01');
    expect(shiftLabel('2026-W01', -1)).toBe('2025-W52');
    expect(shiftLabel('2024-02-28', 1)).toBe('2024-02-29');
    expect(labelRange('2026-11', '2027-01')).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  it('fills periods without a row with 0 and stops at `after`', () => {
    const rows = [
      { period: '2026-01', net_revenue: 10 },
      { period: '2026-03', net_revenue: 30 },
      { period: '2026-05', net_revenue: 50 },
    ];
    expect(netRevenueSeries(rows, '2026-04')).toEqual([10, 0, 30, 0]);
    expect(netRevenueSeries(rows, '2025-12')).toEqual([]);
    expect(lastCompletePeriod(rows, '2026-05')).toBe('2026-03');
    expect(lastCompletePeriod(rows, '2026-01')).toBeNull();
  });
});

describe('models on series with known answers', () => {
  it('seasonal naive repeats the last season (by hand)', () => {
    const y = [5, 7, 9, 11, 6, 8, 10, 12];
    const f = fit('seasonal_naive', y, 4);
    expect(f.forecast(6)).toEqual([6, 8, 10, 12, 6, 8]);
    // One-step seasonal differences: 1, 1, 1, 1 → σ² = 1; the second season's forecasts count two steps.
    expect(f.sigma2).toBe(1);
    expect(f.varianceMultipliers(6)).toEqual([1, 1, 1, 1, 2, 2]);
  });

  it('a constant series forecasts the constant with a zero-width interval', () => {
    const result = forecastSeries(Array(30).fill(250), '2026-06', 'month', 3, shiftLabel)!;
    for (const p of result.points) expect(p).toMatchObject({ forecast: 250, lower: 250, upper: 250 });
    expect(result.points.map((p) => p.period)).toEqual(['2026-07', '2026-08', '2026-09']);
  });

  it('Holt-Winters continues a noise-free trend + additive season almost exactly, and is chosen over seasonal naive', () => {
    const truth = (t: number) => 1000 + 4 * t + 120 * Math.sin((2 * Math.PI * t) / 12) + 40 * Math.cos((4 * Math.PI * t) / 12);
    const y = Array.from({ length: 48 }, (_, t) => truth(t));
    const result = forecastSeries(y, '2025-12', 'month', 12, shiftLabel)!;
    expect(result.method).toMatch(/^holt_winters/);
    result.points.forEach((p, h) => expect(Math.abs(p.forecast - truth(48 + h)) / truth(48 + h)).toBeLessThan(0.01));
    // Seasonal naive misses the trend by 12 × 4 = 48 each month; the chosen method does not.
    expect(result.benchmark!.mase!).toBeGreaterThan(result.accuracy!.mase! * 5);
  });

  it('recovers the smoothing parameter of a simulated local-level series (α = 0.3)', () => {
    const normal = gaussian(mulberry32(11));
    const y: number[] = [];
    let level = 500;
    for (let t = 0; t < 600; t++) {
      const e = 10 * normal();
      y.push(level + e);
      level += 0.3 * e;
    }
    const model = fit('ses', y, 12);
    expect(model.parameters.alpha).toBeGreaterThanOrEqual(0.2);
    expect(model.parameters.alpha).toBeLessThanOrEqual(0.4);
    // σ = 10 by construction.
    expect(Math.sqrt(model.sigma2)).toBeGreaterThan(9);
    expect(Math.sqrt(model.sigma2)).toBeLessThan(11);
  });

  it('the log model keeps a growing season multiplicative and its bounds positive', () => {
    const y = Array.from({ length: 40 }, (_, t) => (100 + 5 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 4)));
    const predictions = forecaster('holt_winters_log', y, 4).predict(4, 1.28);
    for (const p of predictions) expect(p.lower).toBeGreaterThan(0);
    // t = 41 is a peak: (100 + 5·41) × 1.3 = 396.5; t = 43 a trough: (100 + 5·43) × 0.7 = 220.5.
    expect(predictions[1]!.point / 396.5).toBeCloseTo(1, 1);
    expect(predictions[3]!.point / 220.5).toBeCloseTo(1, 1);
  });
});

describe('the airline passengers series (Box & Jenkins series G)', () => {
  it('is typed in correctly: 144 months summing to 40,363', () => {
    expect(AIR_PASSENGERS).toHaveLength(144);
    expect(AIR_PASSENGERS.reduce((s, x) => s + x, 0)).toBe(40_363);
  });

  it('a seasonal method beats seasonal naive in the backtest and on 1960, held out', () => {
    const train = AIR_PASSENGERS.slice(0, 132);
    const held = AIR_PASSENGERS.slice(132);
    const result = forecastSeries(train, '1959-12', 'month', 12, shiftLabel)!;
    expect(result.method).toMatch(/^holt_winters/);
    expect(result.accuracy!.origins).toBe(12);
    expect(result.accuracy!.mase!).toBeLessThan(result.benchmark!.mase!);
    expect(result.note).toBeNull();
    const mae = result.points.reduce((s, p, i) => s + Math.abs(p.forecast - held[i]!), 0) / 12;
    // Seasonal naive on 1960 (1959 repeated): MAE 47.8 thousand passengers.
    const naiveMae = held.reduce((s, x, i) => s + Math.abs(x - train[120 + i]!), 0) / 12;
    expect(naiveMae).toBeCloseTo(47.83, 1);
    expect(mae).toBeLessThan(naiveMae / 2);
    expect(result.points[0]!.period).toBe('1960-01');
  });
});

describe('80% intervals cover about 80% of simulated futures', () => {
  function coverage(make: (normal: () => number) => number[], grain: 'month' | 'quarter', n: number, horizon: number): number {
    const normal = gaussian(mulberry32(2026));
    let inside = 0;
    let total = 0;
    for (let s = 0; s < 150; s++) {
      const y = make(normal);
      const result = forecastSeries(y.slice(0, n), '2020-01', grain, horizon, shiftLabel)!;
      result.points.forEach((p, i) => {
        total++;
        if (y[n + i]! >= p.lower && y[n + i]! <= p.upper) inside++;
      });
    }
    return inside / total;
  }

  it('on local-level series (random walk plus noise)', () => {
    const rate = coverage((normal) => {
      const y: number[] = [];
      let level = 1000;
      for (let t = 0; t < 66; t++) {
        const e = 20 * normal();
        y.push(level + e);
        level += 0.3 * e;
      }
      return y;
    }, 'month', 60, 6);
    expect(rate).toBeGreaterThan(0.74);
    expect(rate).toBeLessThan(0.88);
  });

  it('on trending seasonal series', () => {
    const rate = coverage((normal) => {
      const y: number[] = [];
      let level = 1000;
      for (let t = 0; t < 66; t++) {
        const e = 20 * normal();
        y.push(level + 80 * Math.sin((2 * Math.PI * t) / 12) + e);
        level += 3 + 0.2 * e;
      }
      return y;
    }, 'month', 60, 6);
    expect(rate).toBeGreaterThan(0.74);
    expect(rate).toBeLessThan(0.88);
  });
});

describe('short series', () => {
  it('five quarters: no seasonal model, no benchmark, and it says so', () => {
    const result = forecastSeries([100, 120, 110, 130, 125], '2026-Q3', 'quarter', 4, shiftLabel)!;
    expect(result.method).not.toMatch(/seasonal|holt_winters/);
    expect(result.benchmark).toBeNull();
    expect(result.note).toContain('5 quarters of history');
    expect(result.note).toContain('seasonal-naive benchmark needs at least 8 quarters');
    expect(result.points.map((p) => p.period)).toEqual(['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3']);
  });

  it('three weeks: too short to backtest, the last value carried forward', () => {
    const result = forecastSeries([10, 20, 15], '2026-W10', 'week', 2, shiftLabel)!;
    expect(result.method).toBe('naive');
    expect(result.accuracy).toBeNull();
    expect(result.note).toContain('too short to backtest');
    expect(result.points.map((p) => p.forecast)).toEqual([15, 15]);
  });

  it('one value: no forecast', () => {
    expect(forecastSeries([10], '2026-W10', 'week', 2, shiftLabel)).toBeNull();
  });
});
