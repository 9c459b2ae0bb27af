/**
 * The appraisal and incentive policy (`quotient.policy/1`): appraisal schemes with weighted KPI
 * standards, scoring rules and rating bands, and commission plans with tiers. It is config, not
 * code: `shared/policy/policy.json` is read and checked by the Worker at start and by the site
 * build, and a mistake stops both with a message that names the field
 * (`schemes[0].components[2].weight: ...`).
 *
 * Scores are points where 100 means "on target". Weights and rates are decimals, held as integer
 * basis points / parts per million after validation so every sum is exact.
 */
import { z } from 'zod';
import { issuesToErrors, plainMessages, type FieldError } from '../events/validate.ts';
import { APPRAISAL_PERIOD_PATTERN } from '../period.ts';

export const POLICY_SCHEMA = 'quotient.policy/1';

/** KPI row metrics a component can score (numeric fields of a rep's quarter/year row). */
export const SCORABLE_METRICS = [
  'net_revenue',
  'revenue',
  'profit',
  'margin',
  'orders',
  'average_order_value',
  'active_customers',
  'new_customers',
  'repeat_customer_rate',
  'attainment',
  'csat',
  'csat_satisfied_rate',
  'nps',
  'visits',
  'complaints',
  'complaint_resolution_hours_median',
  'win_rate',
  'sales_cycle_days_median',
] as const;
export type ScorableMetric = (typeof SCORABLE_METRICS)[number];

/** Metrics whose target can come from `target.set` events, and the target metric they use. */
export const TARGET_METRIC_OF: Partial<Record<ScorableMetric, 'revenue' | 'profit' | 'new_customers' | 'orders'>> = {
  net_revenue: 'revenue',
  profit: 'profit',
  new_customers: 'new_customers',
  orders: 'orders',
};

const quarterLabel = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q1');
const yearOrQuarter = z.string().regex(APPRAISAL_PERIOD_PATTERN, 'must be a year (2026) or a quarter (2026-Q1)');
const decimals = (max: number) =>
  z.number().refine((n) => Math.abs(n * 10 ** max - Math.round(n * 10 ** max)) < 1e-6, `must have at most ${max} decimal places`);

const linearRule = z
  .object({
    kind: z.literal('linear'),
    /** Lowest score a component can get. */
    floor: z.number().min(0).default(0),
    /** Highest score a component can get. */
    cap: z.number().positive().default(150),
  })
  .refine((r) => r.floor < r.cap, { message: 'floor must be below cap', path: ['floor'] });

const bandsRule = z.object({
  kind: z.literal('bands'),
  /**
   * Checked in order: the first band the actual reaches scores. "Reaches" is actual >= threshold
   * for higher-is-better metrics, actual <= threshold for lower-is-better ones.
   */
  bands: z.array(z.object({ threshold: z.number(), score: z.number().min(0) })).min(1),
  /** Score when no band is reached. */
  otherwise: z.number().min(0).default(0),
});

const componentSchema = z
  .object({
    metric: z.enum(SCORABLE_METRICS),
    /** A short label for pages; defaults to the metric's name. */
    label: z.string().min(1).optional(),
    weight: decimals(4).pipe(z.number().positive().max(1)),
    direction: z.enum(['higher', 'lower']).default('higher'),
    /** `{"from": "targets"}`: the rep's target for the period (target.set); `{"value": n}`: the same for everyone. */
    target: z.union([z.object({ from: z.literal('targets') }), z.object({ value: z.number().min(0) })]).optional(),
    rule: z.discriminatedUnion('kind', [linearRule, bandsRule]),
  })
  .superRefine((c, ctx) => {
    if (c.rule.kind === 'linear' && !c.target) ctx.addIssue({ code: 'custom', path: ['target'], message: 'required by a linear rule (it scores actual against target)' });
    if (c.target && 'from' in c.target && !TARGET_METRIC_OF[c.metric]) {
      ctx.addIssue({ code: 'custom', path: ['target', 'from'], message: `${c.metric} has no target.set metric; give a fixed {"value": n} instead` });
    }
    if (c.rule.kind === 'bands') {
      const t = c.rule.bands.map((b) => b.threshold);
      const ordered = t.every((x, i) => i === 0 || (c.direction === 'higher' ? x < t[i - 1]! : x > t[i - 1]!));
      if (!ordered) {
        ctx.addIssue({ code: 'custom', path: ['rule', 'bands'], message: `thresholds must be strictly ${c.direction === 'higher' ? 'decreasing' : 'increasing'} (the first band is the best)` });
      }
    }
  });

const bandSchema = z.object({
  band: z.string().min(1).max(3),
  label: z.string().min(1),
  /** The band applies from this weighted score up (to the next band's minimum). */
  min_score: z.number().min(0),
  bonus_multiplier: decimals(4).pipe(z.number().min(0)),
  promotion_candidate: z.boolean().default(false),
  improvement_plan: z.boolean().default(false),
});

const schemeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
    name: z.string().min(1),
    grain: z.enum(['quarter', 'year']),
    /** First period the scheme applies to; the latest scheme in force for a period wins. */
    effective_from: yearOrQuarter,
    components: z.array(componentSchema).min(1),
    /** Best band first. */
    bands: z.array(bandSchema).min(2),
  })
  .superRefine((s, ctx) => {
    const total = s.components.reduce((sum, c) => sum + Math.round(c.weight * 10_000), 0);
    if (total !== 10_000) ctx.addIssue({ code: 'custom', path: ['components'], message: `weights must sum to 1 (they sum to ${total / 10_000})` });
    s.bands.forEach((b, i) => {
      if (i > 0 && b.min_score >= s.bands[i - 1]!.min_score) {
        ctx.addIssue({ code: 'custom', path: ['bands', i, 'min_score'], message: 'must be below the previous band\'s (best band first)' });
      }
    });
    if (s.bands.at(-1)!.min_score !== 0) ctx.addIssue({ code: 'custom', path: ['bands', s.bands.length - 1, 'min_score'], message: 'the last band must start at 0 so every score has a band' });
    const names = new Set<string>();
    s.bands.forEach((b, i) => {
      if (names.has(b.band)) ctx.addIssue({ code: 'custom', path: ['bands', i, 'band'], message: `"${b.band}" is used twice` });
      names.add(b.band);
    });
    const yearly = /^\d{4}$/.test(s.effective_from);
    if (yearly !== (s.grain === 'year')) ctx.addIssue({ code: 'custom', path: ['effective_from'], message: `must be a ${s.grain} label for a ${s.grain} scheme` });
  });

const tierSchema = z.object({
  /** The tier pays on the part of the base from this attainment up to the next tier's. */
  from_attainment: decimals(4).pipe(z.number().min(0)),
  rate: decimals(6).pipe(z.number().min(0).max(1)),
});

const planSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
    name: z.string().min(1),
    effective_from: quarterLabel,
    /** Marginal tiers by attainment, lowest first; the first starts at 0. */
    tiers: z.array(tierSchema).min(1),
    /** Flat rate on the base when the rep has no revenue target for the quarter. */
    without_target_rate: decimals(6).pipe(z.number().min(0).max(1)),
    /** Base above this attainment earns nothing more (null: no cap). */
    max_attainment: decimals(4).pipe(z.number().positive()).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.tiers[0]!.from_attainment !== 0) ctx.addIssue({ code: 'custom', path: ['tiers', 0, 'from_attainment'], message: 'the first tier must start at 0' });
    p.tiers.forEach((t, i) => {
      if (i > 0 && t.from_attainment <= p.tiers[i - 1]!.from_attainment) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'from_attainment'], message: 'must be above the previous tier\'s' });
      }
    });
  });

function uniqueIds(list: { id: string }[], path: string, ctx: z.core.$RefinementCtx) {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `"${item.id}" is used twice` });
    seen.add(item.id);
  });
}

export const policySchema = z
  .object({
    schema: z.literal(POLICY_SCHEMA),
    /** The policy's own version, shown on every appraisal page (bump it on every change). */
    version: z.string().min(1),
    schemes: z.array(schemeSchema).min(1),
    commission_plans: z.array(planSchema).min(1),
    /** Anonymous feedback groups smaller than this are never shown (at least 5). */
    feedback_min_group: z.number().int().min(5).default(5),
  })
  .superRefine((p, ctx) => {
    uniqueIds(p.schemes, 'schemes', ctx);
    uniqueIds(p.commission_plans, 'commission_plans', ctx);
  });

export type Policy = z.output<typeof policySchema>;
export type AppraisalScheme = Policy['schemes'][number];
export type SchemeComponent = AppraisalScheme['components'][number];
export type RatingBand = AppraisalScheme['bands'][number];
export type CommissionPlan = Policy['commission_plans'][number];

export class PolicyError extends Error {
  readonly fieldErrors: FieldError[];
  constructor(errors: FieldError[]) {
    super(`invalid appraisal policy: ${errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}`);
    this.name = 'PolicyError';
    this.fieldErrors = errors;
  }
}

/** Parses a policy, or throws a PolicyError naming every wrong field. */
export function parsePolicy(raw: unknown): Policy {
  const parsed = policySchema.safeParse(raw, { error: plainMessages });
  if (!parsed.success) throw new PolicyError(issuesToErrors(parsed.error.issues));
  return parsed.data;
}

/** The scheme in force for a period of its grain: the latest `effective_from` at or before it. */
export function schemeFor(policy: Policy, period: string): AppraisalScheme | null {
  const grain = /^\d{4}$/.test(period) ? 'year' : 'quarter';
  let found: AppraisalScheme | null = null;
  for (const s of policy.schemes) {
    if (s.grain === grain && s.effective_from <= period && (!found || s.effective_from > found.effective_from)) found = s;
  }
  return found;
}

/** The commission plan in force for a quarter. */
export function planFor(policy: Policy, quarter: string): CommissionPlan | null {
  let found: CommissionPlan | null = null;
  for (const p of policy.commission_plans) {
    if (p.effective_from <= quarter && (!found || p.effective_from > found.effective_from)) found = p;
  }
  return found;
}
