/**
 * Scoring one rep against a scheme: each component's score from its rule, the weighted score
 * (weights renormalised over the components that could be scored), and the rating band.
 *
 * Scores are kept as integer hundredths of a point while computing, so a band boundary
 * (`min_score: 105`) is met exactly: money ratios are divided as integers, never as doubles.
 */
import { normalizeDecimal } from '../json/exact-number.ts';
import { divideRoundHalfAway, formatUnits, UNITS_PER_CURRENCY } from '../money.ts';
import type { AppraisalScheme, RatingBand, SchemeComponent } from '../policy/schema.ts';
import type { AppraisalComponent, Consequence } from '../snapshot.ts';

/** A component's actual or target: money as bigint units, anything else a plain number. */
export type Figure = bigint | number;

export interface ScoredComponent extends AppraisalComponent<bigint> {
  /** The score in hundredths of a point; null when not scored. */
  hundredths: number | null;
  weightBp: number;
}

const toBp = (weight: number) => Math.round(weight * 10_000);

function show(value: Figure): string {
  return typeof value === 'bigint' ? formatUnits(value) : String(Number(value.toFixed(4)));
}

/** A figure as an exact fraction: money units over 1, a double by its shortest decimal spelling. */
function fraction(x: Figure): [bigint, bigint] {
  if (typeof x === 'bigint') return [x, 1n];
  const [whole, frac = ''] = normalizeDecimal(String(x)).split('.');
  return [BigInt(whole! + frac), 10n ** BigInt(frac.length)];
}

/**
 * The linear score before floor and cap, in hundredths of a point, computed exactly and rounded
 * once, half away from zero: 10000 × actual / target (higher is better) or
 * 10000 × (2 − actual / target) (lower is better).
 */
function linearHundredths(actual: Figure, target: Figure, direction: 'higher' | 'lower'): number {
  const [an, ad] = fraction(actual);
  const [tn, td] = fraction(target);
  const ratioNumerator = 10_000n * an * td;
  const denominator = ad * tn;
  const numerator = direction === 'higher' ? ratioNumerator : 20_000n * denominator - ratioNumerator;
  return Number(divideRoundHalfAway(numerator, denominator));
}

/** Whether `actual` reaches a band threshold (given in the metric's own unit; money in currency). */
function reaches(actual: Figure, threshold: number, direction: 'higher' | 'lower'): boolean {
  const a = typeof actual === 'bigint' ? actual : actual;
  const t = typeof actual === 'bigint' ? BigInt(Math.round(threshold * Number(UNITS_PER_CURRENCY))) : threshold;
  return direction === 'higher' ? a >= t : a <= t;
}

/**
 * Scores one component. `actual` null → not scored (`no_data`); a linear rule without a target
 * (`no_target`) or with a zero target (`zero_target`, no ratio exists) → not scored.
 */
export function scoreComponent(component: SchemeComponent, actual: Figure | null, target: Figure | null): ScoredComponent {
  const base = {
    metric: component.metric,
    label: component.label ?? component.metric,
    actual,
    target,
    weight: component.weight,
    weightBp: toBp(component.weight),
    effective_weight: null,
  };
  const unscored = (status: ScoredComponent['status'], explanation: string): ScoredComponent => ({ ...base, score: null, hundredths: null, status, explanation });
  if (actual === null) return unscored('no_data', `no ${base.label.toLowerCase()} figure for the period: not scored`);
  const rule = component.rule;
  if (rule.kind === 'linear') {
    if (target === null) return unscored('no_target', 'no target for the period: not scored');
    if (target === 0 || target === 0n) return unscored('zero_target', 'the target is 0, so there is no ratio to score: not scored');
    const raw = linearHundredths(actual, target, component.direction);
    const floor = Math.round(rule.floor * 100);
    const cap = Math.round(rule.cap * 100);
    const hundredths = Math.min(cap, Math.max(floor, raw));
    const formula =
      component.direction === 'higher'
        ? `100 × ${show(actual)} / ${show(target)} = ${raw / 100}`
        : `100 × (2 − ${show(actual)} / ${show(target)}) = ${raw / 100}`;
    const bounded = hundredths === raw ? '' : hundredths === cap ? `, capped at ${rule.cap}` : `, raised to the floor of ${rule.floor}`;
    return { ...base, score: hundredths / 100, hundredths, status: 'scored', explanation: `${formula}${bounded}` };
  }
  const index = rule.bands.findIndex((b) => reaches(actual, b.threshold, component.direction));
  const word = component.direction === 'higher' ? 'at least' : 'at most';
  const hundredths = Math.round((index >= 0 ? rule.bands[index]!.score : rule.otherwise) * 100);
  const explanation =
    index >= 0
      ? `${show(actual)} is ${word} ${rule.bands[index]!.threshold}: ${rule.bands[index]!.score} points`
      : `${show(actual)} reaches no band (best: ${word} ${rule.bands[0]!.threshold}): ${rule.otherwise} points`;
  return { ...base, score: hundredths / 100, hundredths, status: 'scored', explanation };
}

export interface WeightedScore {
  /** Hundredths of a point; null when no component was scored. */
  hundredths: number | null;
  renormalised: boolean;
  components: ScoredComponent[];
}

/** Σ weight × score over the scored components, divided by their weights' sum (exact, then rounded). */
export function weightedScore(components: ScoredComponent[]): WeightedScore {
  const scored = components.filter((c) => c.hundredths !== null);
  const weightSum = scored.reduce((s, c) => s + c.weightBp, 0);
  const renormalised = scored.length < components.length;
  if (weightSum === 0) return { hundredths: null, renormalised, components };
  const total = scored.reduce((s, c) => s + c.weightBp * c.hundredths!, 0);
  const withWeights = components.map((c) =>
    c.hundredths === null ? c : { ...c, effective_weight: Math.round((c.weightBp / weightSum) * 10_000) / 10_000 },
  );
  return { hundredths: Number(divideRoundHalfAway(BigInt(total), BigInt(weightSum))), renormalised, components: withWeights };
}

/** The band whose range holds the score (best band first, each from its min_score up). */
export function bandOf(scheme: AppraisalScheme, hundredths: number): RatingBand {
  return scheme.bands.find((b) => hundredths >= Math.round(b.min_score * 100)) ?? scheme.bands.at(-1)!;
}

export function consequenceOf(band: RatingBand): Consequence {
  const parts = [`bonus × ${band.bonus_multiplier}`];
  if (band.promotion_candidate) parts.push('promotion candidate');
  if (band.improvement_plan) parts.push('improvement plan');
  return {
    summary: `${band.label}: ${parts.join(', ')}`,
    bonus_multiplier: band.bonus_multiplier,
    promotion_candidate: band.promotion_candidate,
    improvement_plan: band.improvement_plan,
  };
}
