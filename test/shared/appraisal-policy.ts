/**
 * A fixed appraisal policy for the appraisal tests (not policy.json, which people tune): the
 * hand-computed figures of the tests are worked out against these numbers.
 *
 * Quarter scheme `q-sales` (from 2025-Q1):
 *   net_revenue   0.5  linear, target from targets (revenue), floor 0, cap 150
 *   new_customers 0.2  linear, target value 3, floor 0, cap 150
 *   csat          0.2  bands (higher): >= 4.5 → 130, >= 4.0 → 100, >= 3.5 → 70, otherwise 30
 *   complaints    0.1  bands (lower):  <= 0 → 120, <= 2 → 100, <= 4 → 60, otherwise 20
 * Year scheme `y-review` (from 2025):
 *   net_revenue   0.45 linear, from targets; margin 0.15 linear value 0.3 cap 130;
 *   new_customers 0.15 linear value 12; csat 0.15 bands as above; win_rate 0.1 linear value 0.4
 * Rating bands (both): S from 120 (×1.5, promotion), A from 105 (×1.2, promotion), B from 90
 *   (×1), C from 70 (×0.5), D from 0 (×0, improvement plan)
 * Plan `std` (from 2025-Q1): marginal tiers 0 → 2%, 0.5 → 4%, 1.0 → 6%, 1.25 → 8%, capped at
 *   attainment 2.0; 3% flat without a target.
 */
import { parsePolicy, type Policy } from '../../shared/policy/schema.ts';

const csatBands = { kind: 'bands', bands: [{ threshold: 4.5, score: 130 }, { threshold: 4.0, score: 100 }, { threshold: 3.5, score: 70 }], otherwise: 30 };
const ratingBands = () => [
  { band: 'S', label: 'Outstanding', min_score: 120, bonus_multiplier: 1.5, promotion_candidate: true },
  { band: 'A', label: 'Exceeds', min_score: 105, bonus_multiplier: 1.2, promotion_candidate: true },
  { band: 'B', label: 'Meets', min_score: 90, bonus_multiplier: 1.0 },
  { band: 'C', label: 'Partly meets', min_score: 70, bonus_multiplier: 0.5 },
  { band: 'D', label: 'Below', min_score: 0, bonus_multiplier: 0, improvement_plan: true },
];

export const TEST_POLICY_RAW = {
  schema: 'quotient.policy/1',
  version: 'test-7',
  schemes: [
    {
      id: 'q-sales',
      name: 'Quarterly sales',
      grain: 'quarter',
      effective_from: '2025-Q1',
      components: [
        { metric: 'net_revenue', label: 'Net revenue', weight: 0.5, target: { from: 'targets' }, rule: { kind: 'linear', floor: 0, cap: 150 } },
        { metric: 'new_customers', label: 'New customers', weight: 0.2, target: { value: 3 }, rule: { kind: 'linear', floor: 0, cap: 150 } },
        { metric: 'csat', label: 'CSAT', weight: 0.2, direction: 'higher', rule: structuredClone(csatBands) },
        {
          metric: 'complaints',
          label: 'Complaints',
          weight: 0.1,
          direction: 'lower',
          rule: { kind: 'bands', bands: [{ threshold: 0, score: 120 }, { threshold: 2, score: 100 }, { threshold: 4, score: 60 }], otherwise: 20 },
        },
      ],
      bands: ratingBands(),
    },
    {
      id: 'y-review',
      name: 'Annual review',
      grain: 'year',
      effective_from: '2025',
      components: [
        { metric: 'net_revenue', label: 'Net revenue', weight: 0.45, target: { from: 'targets' }, rule: { kind: 'linear', floor: 0, cap: 150 } },
        { metric: 'margin', label: 'Margin', weight: 0.15, target: { value: 0.3 }, rule: { kind: 'linear', floor: 0, cap: 130 } },
        { metric: 'new_customers', label: 'New customers', weight: 0.15, target: { value: 12 }, rule: { kind: 'linear', floor: 0, cap: 150 } },
        { metric: 'csat', label: 'CSAT', weight: 0.15, rule: structuredClone(csatBands) },
        { metric: 'win_rate', label: 'Win rate', weight: 0.1, target: { value: 0.4 }, rule: { kind: 'linear', floor: 0, cap: 150 } },
      ],
      bands: ratingBands(),
    },
  ],
  commission_plans: [
    {
      id: 'std',
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
  feedback_min_group: 5,
};

export const TEST_POLICY: Policy = parsePolicy(TEST_POLICY_RAW);
export const QUARTER_SCHEME = TEST_POLICY.schemes[0]!;
export const YEAR_SCHEME = TEST_POLICY.schemes[1]!;
export const STD_PLAN = TEST_POLICY.commission_plans[0]!;
