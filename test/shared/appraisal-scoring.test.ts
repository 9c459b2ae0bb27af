import { describe, expect, it } from 'vitest';
import { bandOf, consequenceOf, scoreComponent, weightedScore, type ScoredComponent } from '../../shared/appraisal/scoring.ts';
import type { ScorableMetric, SchemeComponent } from '../../shared/policy/schema.ts';
import { QUARTER_SCHEME } from './appraisal-policy.ts';

// Money is in 1/10000 units: 100 (currency) = 1_000_000n.

function linear(metric: ScorableMetric, options: { direction?: 'higher' | 'lower'; floor?: number; cap?: number; label?: string; weight?: number } = {}): SchemeComponent {
  return {
    metric,
    ...(options.label === undefined ? {} : { label: options.label }),
    weight: options.weight ?? 0.5,
    direction: options.direction ?? 'higher',
    target: { value: 1 },
    rule: { kind: 'linear', floor: options.floor ?? 0, cap: options.cap ?? 150 },
  };
}

function bands(metric: ScorableMetric, direction: 'higher' | 'lower', list: { threshold: number; score: number }[], otherwise: number): SchemeComponent {
  return { metric, weight: 0.2, direction, rule: { kind: 'bands', bands: list, otherwise } };
}

const CSAT = bands('csat', 'higher', [{ threshold: 4.5, score: 130 }, { threshold: 4.0, score: 100 }, { threshold: 3.5, score: 70 }], 30);
const COMPLAINTS = bands('complaints', 'lower', [{ threshold: 0, score: 120 }, { threshold: 2, score: 100 }, { threshold: 4, score: 60 }], 20);

describe('scoreComponent: linear, higher is better', () => {
  it('scores 100 × actual / target on money, exactly', () => {
    // 100 × 120 / 100 = 120
    expect(scoreComponent(linear('net_revenue', { label: 'Net revenue' }), 1_200_000n, 1_000_000n)).toEqual({
      metric: 'net_revenue',
      label: 'Net revenue',
      actual: 1_200_000n,
      target: 1_000_000n,
      weight: 0.5,
      weightBp: 5000,
      effective_weight: null,
      score: 120,
      hundredths: 12_000,
      status: 'scored',
      explanation: '100 × 120 / 100 = 120',
    });
  });

  it('labels the component by its metric when it has no label', () => {
    expect(scoreComponent(linear('orders'), 5, 4).label).toBe('orders');
  });

  it('rounds the ratio to hundredths, halves away from zero', () => {
    // 10000 × 1 / 20000 = 0.5 hundredths → 1 → 0.01 points
    expect(scoreComponent(linear('net_revenue'), 1n, 20_000n).hundredths).toBe(1);
    // 10000 × 2 / 3 = 6666.67 → 6667 → 66.67
    const twoOfThree = scoreComponent(linear('new_customers'), 2, 3);
    expect(twoOfThree.hundredths).toBe(6667);
    expect(twoOfThree.score).toBe(66.67);
    // 10000 × 1 / 3 = 3333.33 → 3333
    expect(scoreComponent(linear('new_customers'), 1, 3).hundredths).toBe(3333);
    // 10000 × 3 / 8 = 3750 exactly (no rounding)
    expect(scoreComponent(linear('orders'), 3, 8).hundredths).toBe(3750);
  });

  it('caps the score, saying so, and not when it lands exactly on the cap', () => {
    // 100 × 200 / 100 = 200 → capped at 150
    const over = scoreComponent(linear('net_revenue'), 2_000_000n, 1_000_000n);
    expect(over.hundredths).toBe(15_000);
    expect(over.explanation).toBe('100 × 200 / 100 = 200, capped at 150');
    // 100 × 150 / 100 = 150: at the cap, not "capped"
    const at = scoreComponent(linear('net_revenue'), 1_500_000n, 1_000_000n);
    expect(at.hundredths).toBe(15_000);
    expect(at.explanation).toBe('100 × 150 / 100 = 150');
    // A custom cap of 120: 100 × 121 / 100 = 121 → 120
    expect(scoreComponent(linear('net_revenue', { cap: 120 }), 1_210_000n, 1_000_000n).hundredths).toBe(12_000);
  });

  it('raises the score to the floor, saying so', () => {
    // 100 × 10 / 100 = 10 → floor 50
    const low = scoreComponent(linear('net_revenue', { floor: 50 }), 100_000n, 1_000_000n);
    expect(low.score).toBe(50);
    expect(low.explanation).toBe('100 × 10 / 100 = 10, raised to the floor of 50');
    // With the default floor 0, an actual of 0 scores 0 (not floored: raw is 0).
    const zero = scoreComponent(linear('net_revenue'), 0n, 1_000_000n);
    expect(zero.score).toBe(0);
    expect(zero.status).toBe('scored');
    expect(zero.explanation).toBe('100 × 0 / 100 = 0');
  });

  it('floors a negative actual (net revenue after refunds) at the floor', () => {
    // 100 × −50 / 100 = −50 → floor 0
    const negative = scoreComponent(linear('net_revenue'), -500_000n, 1_000_000n);
    expect(negative.hundredths).toBe(0);
    expect(negative.explanation).toBe('100 × -50 / 100 = -50, raised to the floor of 0');
  });
});

describe('scoreComponent: linear, lower is better', () => {
  const cycle = linear('sales_cycle_days_median', { direction: 'lower' });

  it('scores 100 × (2 − actual / target)', () => {
    // 100 × (2 − 24 / 30) = 100 × 1.2 = 120
    const fast = scoreComponent(cycle, 24, 30);
    expect(fast.hundredths).toBe(12_000);
    expect(fast.explanation).toBe('100 × (2 − 24 / 30) = 120');
    // on target: 100 × (2 − 1) = 100
    expect(scoreComponent(cycle, 30, 30).hundredths).toBe(10_000);
    // 100 × (2 − 45 / 30) = 100 × 0.5 = 50
    expect(scoreComponent(cycle, 45, 30).hundredths).toBe(5_000);
  });

  it('caps at the cap and floors at the floor', () => {
    // actual 0: 100 × 2 = 200 → capped at 150
    const zero = scoreComponent(cycle, 0, 30);
    expect(zero.hundredths).toBe(15_000);
    expect(zero.explanation).toBe('100 × (2 − 0 / 30) = 200, capped at 150');
    // 100 × (2 − 70 / 30) = 100 × (2 − 2.3333) = −33.33 → floor 0
    const slow = scoreComponent(cycle, 70, 30);
    expect(slow.hundredths).toBe(0);
    expect(slow.explanation).toBe('100 × (2 − 70 / 30) = -33.33, raised to the floor of 0');
  });

  it('rounds the score itself half away from zero (not 2 − the rounded ratio)', () => {
    // 100 × (2 − 16001 / 20000) = 100 × (2 − 0.80005) = 119.995 → 120.00 by the half-away rule.
    // (Rounding the ratio first gives 80.01 and 200 − 80.01 = 119.99.)
    expect(scoreComponent(cycle, 16_001, 20_000).hundredths).toBe(12_000);
    expect(scoreComponent(linear('net_revenue', { direction: 'lower' }), 16_001n, 20_000n).hundredths).toBe(12_000);
    // 100 × (2 − 15999 / 20000) = 120.005 → 120.01
    expect(scoreComponent(cycle, 15_999, 20_000).hundredths).toBe(12_001);
  });
});

describe('scoreComponent: not scored', () => {
  it('a linear rule without a target: no_target', () => {
    const c = scoreComponent(linear('net_revenue', { label: 'Net revenue' }), 1_000_000n, null);
    expect(c).toMatchObject({ status: 'no_target', score: null, hundredths: null, effective_weight: null, target: null, actual: 1_000_000n });
    expect(c.explanation).toBe('no target for the period: not scored');
  });

  it('a zero target (bigint or number): zero_target, no ratio', () => {
    for (const [actual, target] of [
      [1_000_000n, 0n],
      [3, 0],
      [0n, 0n],
    ] as const) {
      const c = scoreComponent(linear('net_revenue'), actual, target);
      expect(c.status).toBe('zero_target');
      expect(c.hundredths).toBeNull();
      expect(c.score).toBeNull();
      expect(c.explanation).toBe('the target is 0, so there is no ratio to score: not scored');
    }
  });

  it('no actual: no_data (before looking at the target), for linear and bands alike', () => {
    const linearNoData = scoreComponent(linear('new_customers', { label: 'New customers' }), null, null);
    expect(linearNoData.status).toBe('no_data');
    expect(linearNoData.explanation).toBe('no new customers figure for the period: not scored');
    const bandsNoData = scoreComponent(CSAT, null, null);
    expect(bandsNoData).toMatchObject({ status: 'no_data', score: null, hundredths: null });
    expect(bandsNoData.explanation).toBe('no csat figure for the period: not scored');
  });
});

describe('scoreComponent: bands', () => {
  it('higher is better: the first threshold the actual reaches, exactly at and just below each one', () => {
    // 4.5 reaches 4.5 → 130; 4.49 only reaches 4.0 → 100
    expect(scoreComponent(CSAT, 4.5, null).hundredths).toBe(13_000);
    expect(scoreComponent(CSAT, 4.49, null).hundredths).toBe(10_000);
    expect(scoreComponent(CSAT, 5, null).hundredths).toBe(13_000);
    // 4.0 → 100; 3.99 → 70
    expect(scoreComponent(CSAT, 4.0, null).hundredths).toBe(10_000);
    expect(scoreComponent(CSAT, 3.99, null).hundredths).toBe(7_000);
    // 3.5 → 70; 3.49 reaches nothing → otherwise 30
    expect(scoreComponent(CSAT, 3.5, null).hundredths).toBe(7_000);
    expect(scoreComponent(CSAT, 3.49, null).hundredths).toBe(3_000);
  });

  it('explains the band reached, or that none was', () => {
    expect(scoreComponent(CSAT, 4.5, null).explanation).toBe('4.5 is at least 4.5: 130 points');
    expect(scoreComponent(CSAT, 4.25, null).explanation).toBe('4.25 is at least 4: 100 points');
    expect(scoreComponent(CSAT, 3.49, null).explanation).toBe('3.49 reaches no band (best: at least 4.5): 30 points');
    expect(scoreComponent(COMPLAINTS, 5, null).explanation).toBe('5 reaches no band (best: at most 0): 20 points');
  });

  it('lower is better: the first threshold the actual is at or below, on both sides of each', () => {
    // 0 → 120; 1 → 100 (≤ 2); 2 → 100; 3 → 60 (≤ 4); 4 → 60; 5 → otherwise 20
    expect([0, 1, 2, 3, 4, 5].map((n) => scoreComponent(COMPLAINTS, n, null).score)).toEqual([120, 100, 100, 60, 60, 20]);
    expect(scoreComponent(COMPLAINTS, 2, null).explanation).toBe('2 is at most 2: 100 points');
  });

  it('scores bands whatever the target (a band rule needs none)', () => {
    expect(scoreComponent(CSAT, 4.6, 4).hundredths).toBe(13_000);
    expect(scoreComponent(CSAT, 4.6, 0).status).toBe('scored');
  });

  it('compares money thresholds in exact units (threshold in currency)', () => {
    const revenue = bands('net_revenue', 'higher', [{ threshold: 1000, score: 110 }], 40);
    // 1000 currency = 10_000_000n units: reaches; one unit less does not.
    expect(scoreComponent(revenue, 10_000_000n, null).score).toBe(110);
    expect(scoreComponent(revenue, 9_999_999n, null).score).toBe(40);
    expect(scoreComponent(revenue, 10_000_000n, null).explanation).toBe('1000 is at least 1000: 110 points');
    expect(scoreComponent(revenue, 9_999_999n, null).explanation).toBe('999.9999 reaches no band (best: at least 1000): 40 points');
    // A threshold with decimals: 99.5 = 995_000n units
    const half = bands('net_revenue', 'higher', [{ threshold: 99.5, score: 100 }], 0);
    expect(scoreComponent(half, 995_000n, null).score).toBe(100);
    expect(scoreComponent(half, 994_999n, null).score).toBe(0);
  });
});

describe('scoreComponent: money beyond 2^53 units', () => {
  // T = 20000 × 2^40 = 21_990_232_555_520_000 units (> 2^53 = 9_007_199_254_740_992).
  // A = T + 2^40: 10000 × A / T = 10000 + 10000 × 2^40 / (20000 × 2^40) = 10000.5 → 10001 (100.01).
  // A − 1: 10000.49999… → 10000 (100.00). As doubles, A and A − 1 are the same number.
  const T = 20_000n * 2n ** 40n;
  const A = T + 2n ** 40n;

  it('tells apart amounts a double cannot', () => {
    expect(T).toBe(21_990_232_555_520_000n);
    expect(Number(A)).toBe(Number(A - 1n));
    expect(scoreComponent(linear('net_revenue'), A, T).hundredths).toBe(10_001);
    expect(scoreComponent(linear('net_revenue'), A - 1n, T).hundredths).toBe(10_000);
  });

  it('compares a band threshold to a huge actual exactly', () => {
    // threshold 2_199_023_255_552 currency = 21_990_232_555_520_000n units = T
    const huge = bands('net_revenue', 'higher', [{ threshold: 2_199_023_255_552, score: 100 }], 0);
    expect(scoreComponent(huge, T, null).score).toBe(100);
    expect(scoreComponent(huge, T - 1n, null).score).toBe(0);
  });

  it('shows huge money in the explanation with every digit', () => {
    // A = 21_991_332_067_147_776 units = 2199133206714.7776 currency; T = 2199023255552
    expect(scoreComponent(linear('net_revenue'), A, T).explanation).toBe('100 × 2199133206714.7776 / 2199023255552 = 100.01');
  });
});

/** A scored (or unscored, hundredths null) component with a weight, for weightedScore. */
function part(metric: string, weight: number, hundredths: number | null): ScoredComponent {
  return {
    metric,
    label: metric,
    actual: hundredths === null ? null : 1,
    target: null,
    weight,
    weightBp: Math.round(weight * 10_000),
    effective_weight: null,
    score: hundredths === null ? null : hundredths / 100,
    hundredths,
    status: hundredths === null ? 'no_data' : 'scored',
    explanation: '',
  };
}

describe('weightedScore', () => {
  it('is Σ weight × score when every component is scored', () => {
    // 0.5 × 120 + 0.2 × 100 + 0.2 × 130 + 0.1 × 100 = 60 + 20 + 26 + 10 = 116
    const w = weightedScore([part('a', 0.5, 12_000), part('b', 0.2, 10_000), part('c', 0.2, 13_000), part('d', 0.1, 10_000)]);
    expect(w.hundredths).toBe(11_600);
    expect(w.renormalised).toBe(false);
    expect(w.components.map((c) => c.effective_weight)).toEqual([0.5, 0.2, 0.2, 0.1]);
  });

  it('renormalises the weights over the scored components', () => {
    // a not scored: (0.2 × 100 + 0.2 × 130 + 0.1 × 100) / 0.5 = 56 / 0.5 = 112
    // effective weights 0.2 / 0.5 = 0.4, 0.4, 0.1 / 0.5 = 0.2
    const w = weightedScore([part('a', 0.5, null), part('b', 0.2, 10_000), part('c', 0.2, 13_000), part('d', 0.1, 10_000)]);
    expect(w.hundredths).toBe(11_200);
    expect(w.renormalised).toBe(true);
    expect(w.components.map((c) => c.effective_weight)).toEqual([null, 0.4, 0.4, 0.2]);
  });

  it('rounds effective weights to 4 decimals and the score half away from zero', () => {
    // b (0.2, 90) and d (0.1, 120) scored: (2000 × 9000 + 1000 × 12000) / 3000 = 30_000_000 / 3000 = 10000
    // effective weights 2/3 = 0.6667, 1/3 = 0.3333
    const thirds = weightedScore([part('a', 0.5, null), part('b', 0.2, 9_000), part('c', 0.2, null), part('d', 0.1, 12_000)]);
    expect(thirds.hundredths).toBe(10_000);
    expect(thirds.components.map((c) => c.effective_weight)).toEqual([null, 0.6667, null, 0.3333]);
    // (5000 × 10000 + 5000 × 10001) / 10000 = 10000.5 → 10001
    expect(weightedScore([part('a', 0.5, 10_000), part('b', 0.5, 10_001)]).hundredths).toBe(10_001);
    // (2000 × 6667 + 1000 × 12000) / 3000 = (13_334_000 + 12_000_000) / 3000 = 8444.67 → 8445
    expect(weightedScore([part('b', 0.2, 6_667), part('d', 0.1, 12_000)]).hundredths).toBe(8_445);
  });

  it('is null when no component could be scored', () => {
    const w = weightedScore([part('a', 0.5, null), part('b', 0.5, null)]);
    expect(w.hundredths).toBeNull();
    expect(w.renormalised).toBe(true);
    expect(w.components.map((c) => c.effective_weight)).toEqual([null, null]);
  });

  it('counts a score of 0 as scored', () => {
    // (0.5 × 0 + 0.5 × 100) / 1 = 50
    const w = weightedScore([part('a', 0.5, 0), part('b', 0.5, 10_000)]);
    expect(w.hundredths).toBe(5_000);
    expect(w.renormalised).toBe(false);
  });
});

describe('bandOf', () => {
  it('puts a score exactly at a min_score in that band, and a hundredth below in the next', () => {
    const cases: [number, string][] = [
      [20_000, 'S'],
      [12_000, 'S'],
      [11_999, 'A'],
      [10_500, 'A'],
      [10_499, 'B'],
      [9_000, 'B'],
      [8_999, 'C'],
      [7_000, 'C'],
      [6_999, 'D'],
      [0, 'D'],
    ];
    for (const [hundredths, band] of cases) expect(`${hundredths}: ${bandOf(QUARTER_SCHEME, hundredths).band}`).toBe(`${hundredths}: ${band}`);
  });
});

describe('consequenceOf', () => {
  const band = (name: string) => QUARTER_SCHEME.bands.find((b) => b.band === name)!;

  it('states the multiplier, promotion candidacy and improvement plan', () => {
    expect(consequenceOf(band('S'))).toEqual({ summary: 'Outstanding: bonus × 1.5, promotion candidate', bonus_multiplier: 1.5, promotion_candidate: true, improvement_plan: false });
    expect(consequenceOf(band('B'))).toEqual({ summary: 'Meets: bonus × 1', bonus_multiplier: 1, promotion_candidate: false, improvement_plan: false });
    expect(consequenceOf(band('D'))).toEqual({ summary: 'Below: bonus × 0, improvement plan', bonus_multiplier: 0, promotion_candidate: false, improvement_plan: true });
  });
});
