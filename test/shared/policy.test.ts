import { describe, expect, it } from 'vitest';
import raw from '../../shared/policy/policy.json' with { type: 'json' };
import { POLICY } from '../../shared/policy/policy.ts';
import { parsePolicy, planFor, PolicyError, POLICY_SCHEMA, SCORABLE_METRICS, schemeFor, TARGET_METRIC_OF } from '../../shared/policy/schema.ts';
import type { FieldError } from '../../shared/events/validate.ts';

// A valid policy of the same shape as policy.json, kept here so the mistakes below do not move
// when someone edits the real file. Index map:
//   schemes[0] quarterly: components[0] net_revenue (linear, from targets), [1] new_customers
//     (linear, value 3), [2] csat (bands, higher), [3] complaints (bands, lower);
//     bands[0..4] S 120, A 105, B 90, C 70, D 0
//   schemes[1] yearly: components[0] net_revenue, [1] margin (linear, value 0.3), [2] csat
//   commission_plans[0]: tiers 0 @2%, 0.5 @4%, 1.0 @6%, 1.25 @8%
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const bands = () => [
  { band: 'S', label: 'Outstanding', min_score: 120, bonus_multiplier: 1.5, promotion_candidate: true },
  { band: 'A', label: 'Exceeds', min_score: 105, bonus_multiplier: 1.2, promotion_candidate: true },
  { band: 'B', label: 'Meets', min_score: 90, bonus_multiplier: 1.0 },
  { band: 'C', label: 'Partly meets', min_score: 70, bonus_multiplier: 0.5 },
  { band: 'D', label: 'Below', min_score: 0, bonus_multiplier: 0, improvement_plan: true },
];

const BASE: Json = {
  schema: 'quotient.policy/1',
  version: 'test-1',
  schemes: [
    {
      id: 'quarterly-sales',
      name: 'Quarterly sales appraisal',
      grain: 'quarter',
      effective_from: '2025-Q1',
      components: [
        { metric: 'net_revenue', weight: 0.5, target: { from: 'targets' }, rule: { kind: 'linear', floor: 0, cap: 150 } },
        { metric: 'new_customers', weight: 0.2, target: { value: 3 }, rule: { kind: 'linear' } },
        {
          metric: 'csat',
          weight: 0.2,
          rule: { kind: 'bands', bands: [{ threshold: 4.5, score: 130 }, { threshold: 4.0, score: 100 }, { threshold: 3.5, score: 70 }], otherwise: 30 },
        },
        {
          metric: 'complaints',
          weight: 0.1,
          direction: 'lower',
          rule: { kind: 'bands', bands: [{ threshold: 0, score: 120 }, { threshold: 2, score: 100 }, { threshold: 4, score: 60 }], otherwise: 20 },
        },
      ],
      bands: bands(),
    },
    {
      id: 'annual-review',
      name: 'Annual review',
      grain: 'year',
      effective_from: '2025',
      components: [
        { metric: 'net_revenue', weight: 0.6, target: { from: 'targets' }, rule: { kind: 'linear' } },
        { metric: 'margin', weight: 0.25, target: { value: 0.3 }, rule: { kind: 'linear', cap: 130 } },
        { metric: 'csat', weight: 0.15, rule: { kind: 'bands', bands: [{ threshold: 4, score: 100 }] } },
      ],
      bands: bands(),
    },
  ],
  commission_plans: [
    {
      id: 'standard-commission',
      name: 'Standard',
      effective_from: '2025-Q1',
      tiers: [
        { from_attainment: 0, rate: 0.02 },
        { from_attainment: 0.5, rate: 0.04 },
        { from_attainment: 1.0, rate: 0.06 },
        { from_attainment: 1.25, rate: 0.08 },
      ],
      without_target_rate: 0.03,
      max_attainment: 2.0,
    },
  ],
};

/** The field errors of parsing BASE after `mutate`; fails the test when it parses. */
function errorsAfter(mutate: (p: Json) => void): FieldError[] {
  const p = structuredClone(BASE);
  mutate(p);
  try {
    parsePolicy(p);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as PolicyError).fieldErrors;
  }
  throw new Error('expected the policy to be rejected');
}

describe('policy.json', () => {
  it('parses, and POLICY is that parse', () => {
    expect(() => parsePolicy(raw)).not.toThrow();
    expect(POLICY).toEqual(parsePolicy(raw));
    expect(POLICY.schema).toBe(POLICY_SCHEMA);
  });

  it('has a quarter scheme, a year scheme and a plan for every period from its first one on', () => {
    const firstQuarter = POLICY.schemes.filter((s) => s.grain === 'quarter').map((s) => s.effective_from).sort()[0]!;
    const firstYear = POLICY.schemes.filter((s) => s.grain === 'year').map((s) => s.effective_from).sort()[0]!;
    expect(schemeFor(POLICY, firstQuarter)?.grain).toBe('quarter');
    expect(schemeFor(POLICY, firstYear)?.grain).toBe('year');
    expect(planFor(POLICY, firstQuarter)).not.toBeNull();
  });

  it('has weights summing to exactly 1 in every scheme (in basis points)', () => {
    for (const s of POLICY.schemes) expect(s.components.reduce((sum, c) => sum + Math.round(c.weight * 10_000), 0)).toBe(10_000);
  });
});

describe('parsePolicy', () => {
  it('accepts the test base policy and fills the defaults', () => {
    const p = parsePolicy(structuredClone(BASE));
    const nc = p.schemes[0]!.components[1]!;
    // new_customers: direction defaults to higher, floor 0, cap 150.
    expect(nc.direction).toBe('higher');
    expect(nc.rule).toEqual({ kind: 'linear', floor: 0, cap: 150 });
    // csat of the year scheme: otherwise defaults to 0.
    expect(p.schemes[1]!.components[2]!.rule).toEqual({ kind: 'bands', bands: [{ threshold: 4, score: 100 }], otherwise: 0 });
    expect(p.schemes[0]!.bands[2]).toEqual({ band: 'B', label: 'Meets', min_score: 90, bonus_multiplier: 1, promotion_candidate: false, improvement_plan: false });
    expect(p.feedback_min_group).toBe(5);
    expect(p.commission_plans[0]!.max_attainment).toBe(2);
  });

  it('defaults max_attainment to null (no cap)', () => {
    const p = structuredClone(BASE);
    delete p.commission_plans[0].max_attainment;
    expect(parsePolicy(p).commission_plans[0]!.max_attainment).toBeNull();
  });

  it('rejects weights that do not sum to 1, at the components list, with the sum', () => {
    // 0.5 + 0.1 + 0.2 + 0.1 = 0.9
    expect(errorsAfter((p) => (p.schemes[0].components[1].weight = 0.1))).toEqual([
      { path: 'schemes[0].components', message: 'weights must sum to 1 (they sum to 0.9)' },
    ]);
    // 0.5 + 0.3 + 0.2 + 0.1 = 1.1
    expect(errorsAfter((p) => (p.schemes[0].components[1].weight = 0.3))).toEqual([
      { path: 'schemes[0].components', message: 'weights must sum to 1 (they sum to 1.1)' },
    ]);
  });

  it('names the field in the thrown message (README example)', () => {
    const p = structuredClone(BASE);
    p.schemes[0].components[1].weight = 0.1;
    expect(() => parsePolicy(p)).toThrow('invalid appraisal policy: schemes[0].components: weights must sum to 1 (they sum to 0.9)');
  });

  it('accepts a weight with 4 decimals and rejects one with 5, at the weight', () => {
    // 0.5 + 0.1999 + 0.2001 + 0.1 = 1: four decimals are fine.
    const ok = structuredClone(BASE);
    ok.schemes[0].components[1].weight = 0.1999;
    ok.schemes[0].components[2].weight = 0.2001;
    expect(() => parsePolicy(ok)).not.toThrow();
    // 0.19999 has five decimals (it would round to 0.2 and still sum to 1, so this is the only mistake).
    expect(errorsAfter((p) => (p.schemes[0].components[1].weight = 0.19999))).toEqual([
      { path: 'schemes[0].components[1].weight', message: 'must have at most 4 decimal places' },
    ]);
  });

  it('rejects a weight of 0 or above 1 (and the sum it breaks)', () => {
    // 0.5 + 0 + 0.2 + 0.1 = 0.8
    expect(errorsAfter((p) => (p.schemes[0].components[1].weight = 0))).toEqual([
      { path: 'schemes[0].components[1].weight', message: 'must be > 0' },
      { path: 'schemes[0].components', message: 'weights must sum to 1 (they sum to 0.8)' },
    ]);
    // 1.5 + 0.2 + 0.2 + 0.1 = 2
    expect(errorsAfter((p) => (p.schemes[0].components[0].weight = 1.5))).toEqual([
      { path: 'schemes[0].components[0].weight', message: 'must be <= 1' },
      { path: 'schemes[0].components', message: 'weights must sum to 1 (they sum to 2)' },
    ]);
  });

  it('rejects rating bands that are not best first, at the first band out of order', () => {
    // S 120, B 90, A 105, C 70, D 0: bands[2] (105) is not below bands[1] (90).
    expect(
      errorsAfter((p) => {
        const [s, a, b, c, d] = p.schemes[0].bands;
        p.schemes[0].bands = [s, b, a, c, d];
      }),
    ).toEqual([{ path: 'schemes[0].bands[2].min_score', message: "must be below the previous band's (best band first)" }]);
    // Two bands with the same min_score: the second is not below the first.
    expect(errorsAfter((p) => (p.schemes[1].bands[2].min_score = 105))).toEqual([
      { path: 'schemes[1].bands[2].min_score', message: "must be below the previous band's (best band first)" },
    ]);
  });

  it('rejects a last band that does not start at 0', () => {
    expect(errorsAfter((p) => (p.schemes[0].bands[4].min_score = 10))).toEqual([
      { path: 'schemes[0].bands[4].min_score', message: 'the last band must start at 0 so every score has a band' },
    ]);
  });

  it('rejects a band name used twice', () => {
    expect(errorsAfter((p) => (p.schemes[0].bands[3].band = 'B'))).toEqual([{ path: 'schemes[0].bands[3].band', message: '"B" is used twice' }]);
  });

  it('rejects component bands that are not best first, in the direction of the metric', () => {
    // csat (higher is better): 4.0 then 4.5 is not decreasing.
    expect(
      errorsAfter((p) => (p.schemes[0].components[2].rule.bands = [{ threshold: 4.0, score: 100 }, { threshold: 4.5, score: 130 }])),
    ).toEqual([{ path: 'schemes[0].components[2].rule.bands', message: 'thresholds must be strictly decreasing (the first band is the best)' }]);
    // complaints (lower is better): 2 then 0 is not increasing.
    expect(
      errorsAfter((p) => (p.schemes[0].components[3].rule.bands = [{ threshold: 2, score: 100 }, { threshold: 0, score: 120 }])),
    ).toEqual([{ path: 'schemes[0].components[3].rule.bands', message: 'thresholds must be strictly increasing (the first band is the best)' }]);
    // Equal thresholds are not strictly ordered either.
    expect(
      errorsAfter((p) => (p.schemes[0].components[2].rule.bands = [{ threshold: 4, score: 130 }, { threshold: 4, score: 100 }])),
    ).toEqual([{ path: 'schemes[0].components[2].rule.bands', message: 'thresholds must be strictly decreasing (the first band is the best)' }]);
  });

  it('rejects a linear rule without a target, at the target', () => {
    expect(errorsAfter((p) => delete p.schemes[0].components[1].target)).toEqual([
      { path: 'schemes[0].components[1].target', message: 'required by a linear rule (it scores actual against target)' },
    ]);
  });

  it('rejects a linear rule whose floor is not below its cap', () => {
    expect(errorsAfter((p) => (p.schemes[0].components[1].rule = { kind: 'linear', floor: 150, cap: 150 }))).toEqual([
      { path: 'schemes[0].components[1].rule.floor', message: 'floor must be below cap' },
    ]);
  });

  it('rejects `from: targets` on a metric without a target.set metric, at target.from', () => {
    expect(errorsAfter((p) => (p.schemes[1].components[1].target = { from: 'targets' }))).toEqual([
      { path: 'schemes[1].components[1].target.from', message: 'margin has no target.set metric; give a fixed {"value": n} instead' },
    ]);
  });

  it('maps exactly the target.set metrics', () => {
    expect(TARGET_METRIC_OF).toEqual({ net_revenue: 'revenue', profit: 'profit', new_customers: 'new_customers', orders: 'orders' });
  });

  it('rejects a scheme id or a plan id used twice', () => {
    expect(
      errorsAfter((p) => {
        p.schemes[1].id = 'quarterly-sales';
      }),
    ).toEqual([{ path: 'schemes[1].id', message: '"quarterly-sales" is used twice' }]);
    expect(
      errorsAfter((p) => {
        p.commission_plans.push({ ...structuredClone(p.commission_plans[0]), effective_from: '2026-Q1' });
      }),
    ).toEqual([{ path: 'commission_plans[1].id', message: '"standard-commission" is used twice' }]);
  });

  it('rejects tiers that do not start at 0', () => {
    expect(errorsAfter((p) => (p.commission_plans[0].tiers[0].from_attainment = 0.1))).toEqual([
      { path: 'commission_plans[0].tiers[0].from_attainment', message: 'the first tier must start at 0' },
    ]);
  });

  it('rejects tiers that do not increase, at each tier out of order', () => {
    // 0, 0.5, 0.5, 1.25: tiers[2] is not above tiers[1].
    expect(errorsAfter((p) => (p.commission_plans[0].tiers[2].from_attainment = 0.5))).toEqual([
      { path: 'commission_plans[0].tiers[2].from_attainment', message: "must be above the previous tier's" },
    ]);
    // 0, 0.5, 1.0, 0.75: tiers[3] is below tiers[2].
    expect(errorsAfter((p) => (p.commission_plans[0].tiers[3].from_attainment = 0.75))).toEqual([
      { path: 'commission_plans[0].tiers[3].from_attainment', message: "must be above the previous tier's" },
    ]);
  });

  it('rejects a rate with more than 6 decimals or above 1', () => {
    expect(errorsAfter((p) => (p.commission_plans[0].tiers[1].rate = 0.0412345))).toEqual([
      { path: 'commission_plans[0].tiers[1].rate', message: 'must have at most 6 decimal places' },
    ]);
    expect(errorsAfter((p) => (p.commission_plans[0].without_target_rate = 1.5))).toEqual([
      { path: 'commission_plans[0].without_target_rate', message: 'must be <= 1' },
    ]);
  });

  it('rejects an unknown metric, listing the scorable ones', () => {
    expect(errorsAfter((p) => (p.schemes[0].components[1].metric = 'happiness'))).toEqual([
      { path: 'schemes[0].components[1].metric', message: `must be one of ${SCORABLE_METRICS.map((m) => JSON.stringify(m)).join(', ')}` },
    ]);
  });

  it('rejects a wrong schema literal', () => {
    expect(errorsAfter((p) => (p.schema = 'quotient.policy/2'))).toEqual([{ path: 'schema', message: 'must be one of "quotient.policy/1"' }]);
    expect(errorsAfter((p) => delete p.schema)).toEqual([{ path: 'schema', message: 'required' }]);
  });

  it('rejects an effective_from of the wrong grain', () => {
    expect(errorsAfter((p) => (p.schemes[1].effective_from = '2025-Q1'))).toEqual([
      { path: 'schemes[1].effective_from', message: 'must be a year label for a year scheme' },
    ]);
    expect(errorsAfter((p) => (p.commission_plans[0].effective_from = '2025'))).toEqual([
      { path: 'commission_plans[0].effective_from', message: 'must be a quarter such as 2026-Q1' },
    ]);
  });

  it('rejects a feedback group below 5', () => {
    expect(errorsAfter((p) => (p.feedback_min_group = 4))).toEqual([{ path: 'feedback_min_group', message: 'must be >= 5' }]);
  });

  it('names every wrong field when there are several mistakes in different places', () => {
    const errors = errorsAfter((p) => {
      p.schema = 'quotient.policy/0';
      p.schemes[0].components[1].weight = 0.19999;
      p.commission_plans[0].tiers[0].from_attainment = 0.1;
    });
    expect(errors.map((e) => e.path).sort()).toEqual(['commission_plans[0].tiers[0].from_attainment', 'schema', 'schemes[0].components[1].weight']);
  });
});

describe('schemeFor and planFor', () => {
  const p = parsePolicy(
    (() => {
      const x = structuredClone(BASE);
      // A second quarter scheme from 2026-Q3 and a second plan from 2026-Q2.
      x.schemes.push({ ...structuredClone(x.schemes[0]), id: 'quarterly-2', effective_from: '2026-Q3' });
      x.commission_plans.push({ ...structuredClone(x.commission_plans[0]), id: 'plan-2', effective_from: '2026-Q2' });
      return x;
    })(),
  );

  it('picks the latest scheme of the grain in force at the period', () => {
    expect(schemeFor(p, '2024-Q4')).toBeNull();
    expect(schemeFor(p, '2025-Q1')?.id).toBe('quarterly-sales');
    expect(schemeFor(p, '2026-Q2')?.id).toBe('quarterly-sales');
    expect(schemeFor(p, '2026-Q3')?.id).toBe('quarterly-2');
    expect(schemeFor(p, '2027-Q1')?.id).toBe('quarterly-2');
    expect(schemeFor(p, '2024')).toBeNull();
    expect(schemeFor(p, '2026')?.id).toBe('annual-review');
  });

  it('picks the latest plan in force at the quarter', () => {
    expect(planFor(p, '2024-Q4')).toBeNull();
    expect(planFor(p, '2026-Q1')?.id).toBe('standard-commission');
    expect(planFor(p, '2026-Q2')?.id).toBe('plan-2');
  });
});
