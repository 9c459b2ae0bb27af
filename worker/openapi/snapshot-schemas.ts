/**
 * JSON Schemas of the read API's bodies: the KPI row, the snapshot (`quotient.snapshot/1`) with its
 * appraisal section, `GET /v1/appraisals` and the results of locking and unlocking a period.
 * These are written by hand because shared/snapshot.ts has TypeScript types, not zod schemas;
 * each object is declared with `objectOf<T>()`, so a field added to or removed from those
 * types fails the typecheck here instead of silently drifting from the document.
 */
import type {
  AdjustmentLine,
  AppraisalComponent,
  AppraisalPeriod,
  AppraisalRow,
  AppraisalSection,
  ArrivalDay,
  CalibrationGroup,
  ClawbackLine,
  CohortCell,
  SegmentMonth,
  SalesCycle,
  CommissionRefundLine,
  CommissionStatement,
  CommissionTierLine,
  Consequence,
  CustomerRow,
  ComplaintRow,
  WonOpportunityRow,
  FeedbackGroup,
  LockAuditEntry,
  DataQuality,
  KpiRow,
  MarketShareRow,
  OrphanRefund,
  PacingRow,
  RejectionDay,
  Snapshot,
  SnapshotRep,
  SnapshotTeam,
  TargetVersionRow,
  UnattributedSale,
} from '../../shared/snapshot.ts';
import { GRAINS, SCOPES, SNAPSHOT_SCHEMA } from '../../shared/snapshot.ts';
import { SCORABLE_METRICS } from '../../shared/policy/schema.ts';
import type { LockResult, UnlockResult } from '../routes/admin.ts';
import type { AppraisalsResponse } from '../routes/read.ts';
import type { ForecastRow, ForecastsResponse } from '../routes/forecasts.ts';
import type { Accuracy } from '../../shared/forecast/forecast.ts';
import { ref, type JsonSchema } from './json-schema.ts';

/** Exactly one schema per field of T: the compiler checks the list against shared/snapshot.ts. */
type PropertiesOf<T> = { [K in keyof T]-?: JsonSchema };

/** An object whose every listed field is always present (null where its schema allows). */
function objectOf<T>(properties: PropertiesOf<T>, description?: string): JsonSchema {
  return { type: 'object', ...(description ? { description } : {}), required: Object.keys(properties), properties };
}

const nullable = (schema: JsonSchema, description: string): JsonSchema => ({
  ...schema,
  type: [schema.type, 'null'],
  description,
});

const money = (description: string): JsonSchema => ({
  type: 'number',
  description: `${description} Money: a JSON number exact to 4 decimals (written from integer 1/10000 units).`,
});
const count = (description: string): JsonSchema => ({ type: 'integer', minimum: 0, description });
const fraction = (description: string): JsonSchema => nullable({ type: 'number' }, `${description} A fraction (0.125, not 12.5).`);
const text = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const instant = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const arrayOf = (items: JsonSchema, description?: string): JsonSchema => ({ type: 'array', items, ...(description ? { description } : {}) });

const SCOPE = { type: 'string', enum: [...SCOPES] };
const GRAIN = { type: 'string', enum: [...GRAINS] };
const PERIOD_GRAIN = { type: 'string', enum: ['month', 'quarter', 'year'] };
const SCOPE_ID = nullable({ type: 'string' }, 'team_id or rep_id; null for the company.');

/** A period label of any grain: `2026`, `2026-Q4`, `2026-11`, `2026-W47` (ISO week), `2026-11-20`. */
export const PERIOD_LABEL: JsonSchema = {
  type: 'string',
  pattern: '^\\d{4}(-Q[1-4]|-W(0[1-9]|[1-4]\\d|5[0-3])|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$',
  description: 'Period label in ORG_TIMEZONE: year `2026`, quarter `2026-Q4`, month `2026-11`, ISO week `2026-W47`, day `2026-11-20`.',
  examples: ['2026', '2026-Q4', '2026-11', '2026-W47', '2026-11-20'],
};

const kpiRow = objectOf<KpiRow>(
  {
    scope: SCOPE,
    id: SCOPE_ID,
    grain: GRAIN,
    period: PERIOD_LABEL,
    revenue: money('Sum of sale.closed amounts in the period credited to the scope.'),
    refunds: money('Sum of sale.refunded amounts in the period credited to the scope (credited like the sale they refund).'),
    net_revenue: money('revenue − refunds.'),
    cost: money('Known sale costs in the period − refunded costs in the period.'),
    profit: money('net_revenue − cost.'),
    margin: fraction('profit / net_revenue; null when net_revenue is 0 or any sale in the period lacks a cost.'),
    orders: count('Count of sale.closed in the period credited to the scope.'),
    average_order_value: nullable(
      { type: 'number' },
      'revenue / orders, rounded to 4 decimals half away from zero; null when orders = 0. Money.',
    ),
    active_customers: count('Distinct customers with a sale in the period credited to the scope.'),
    new_customers: count('Customers whose first sale ever (company-wide) is in the period and credited to the scope.'),
    repeat_customer_rate: fraction('Share of active_customers who had a sale (company-wide) before the period; null when none active.'),
    target_revenue: nullable(
      { type: 'number' },
      'The revenue target for exactly this scope and period (latest version), else the sum of its sub-periods when every one has a target; null otherwise, and always for weeks and days. Money.',
    ),
    attainment: fraction('net_revenue / target_revenue; null without a target or when the target is 0.'),
    csat: nullable({ type: 'number' }, 'Mean score of csat5 responses (1-5); null when none.'),
    csat_satisfied_rate: fraction('Share of csat5 responses with score >= 4; null when none.'),
    nps: nullable({ type: 'number', minimum: -100, maximum: 100 }, '(promoters 9-10 − detractors 0-6) / responses × 100 over nps10 responses (−100..100); null when none.'),
    market_share: fraction(
      'Company net_revenue / the latest market.sized amount for exactly this period naming neither region nor segment; company scope and month/quarter/year only; null without such a figure.',
    ),
    visits: count('Count of customer.contacted (all kinds) in the period credited to the scope.'),
    complaints: count('Count of ticket.opened with kind complaint in the period credited to the scope.'),
    complaint_resolution_hours_median: nullable(
      { type: 'number', minimum: 0 },
      'Median hours from opened to resolved for complaints resolved in the period; null when none.',
    ),
    win_rate: fraction('won / (won + lost) for opportunities closed in the period; null when none closed.'),
    sales_cycle_days_median: nullable(
      { type: 'number', minimum: 0 },
      'Median days from opened to closed for opportunities won in the period; null when none.',
    ),
  },
  'The metrics of kpis.md for one (scope, id, grain, period). A row may be left out when its scope had no activity in the period: read a missing row as no activity. A metric that cannot be defined is null, never 0.',
);

const marketShareRow = objectOf<MarketShareRow>(
  {
    grain: PERIOD_GRAIN,
    period: PERIOD_LABEL,
    region: nullable({ type: 'string' }, 'null: every region.'),
    segment: nullable({ type: 'string' }, 'null: every segment.'),
    market_size: money('The latest market.sized amount for exactly (period, region, segment).'),
    net_revenue: money('Company net revenue of sales with that region/segment in the period.'),
    share: fraction('net_revenue / market_size; null when the market size is 0.'),
  },
  'Market share of a region and/or segment market (the whole market is the KPI rows\' market_share).',
);

const targetVersionRow = objectOf<TargetVersionRow>(
  {
    event_id: text('The target.set event that set this version.'),
    scope: SCOPE,
    id: SCOPE_ID,
    metric: { type: 'string', enum: ['revenue', 'profit', 'new_customers', 'orders'] },
    period: PERIOD_LABEL,
    value: { type: 'number', minimum: 0, description: 'Money for revenue/profit, a count for new_customers/orders.' },
    occurred_at: text('The event\'s occurred_at as sent.'),
    current: { type: 'boolean', description: 'Whether this version is the one in force (latest occurred_at, ties: greater event id).' },
  },
  'One version of a target; every version is kept.',
);

const pacingRow = objectOf<PacingRow>(
  {
    scope: SCOPE,
    id: SCOPE_ID,
    grain: PERIOD_GRAIN,
    period: PERIOD_LABEL,
    target_revenue: money('The period\'s revenue target.'),
    net_revenue_to_date: money('Net revenue from the period\'s start up to as_of.'),
    elapsed_days: count('Days of the period gone at as_of, today included.'),
    total_days: count('Days in the period.'),
    method: {
      type: 'string',
      enum: ['elapsed_days', 'last_year_profile'],
      description: 'How the expected share was found: the share of days gone, or last year\'s net revenue earned by the same day (when last year has positive net revenue).',
    },
    expected_fraction: { type: 'number', minimum: 0, maximum: 1, description: 'Share of the target that should be earned by now.' },
    expected_to_date: money('target_revenue × expected_fraction.'),
    projected_net_revenue: nullable({ type: 'number' }, 'net_revenue_to_date / expected_fraction; null when nothing is expected yet. Money.'),
    projected_attainment: fraction('projected_net_revenue / target_revenue; null when the target is 0 or nothing is expected yet.'),
  },
  'Where a scope stands against its revenue target in a period still running at as_of.',
);

const team = objectOf<SnapshotTeam>({ team_id: text(), name: text() });
const rep = objectOf<SnapshotRep>({
  rep_id: text(),
  name: text(),
  team_id: nullable({ type: 'string' }, 'The rep\'s team as of the snapshot\'s as_of (history is applied per sale in the KPIs).'),
});

const orphanRefund = objectOf<OrphanRefund>({ event_id: text(), sale_id: text(), amount: money('The refund amount.'), occurred_at: text() });
const unattributedSale = objectOf<UnattributedSale>({ sale_id: text(), rep_id: text(), occurred_at: text() });
const arrivalDay = objectOf<ArrivalDay>({
  day: text('UTC day of receipt, YYYY-MM-DD.'),
  type: text('Event type.'),
  source: text('The WEBHOOK_SECRETS source the events were signed for.'),
  events: count('Stored events.'),
});
const rejectionDay = objectOf<RejectionDay>({
  day: text('UTC day, YYYY-MM-DD.'),
  source: text('The matched source; empty when the request was not validly signed.'),
  reason: text('The last segment of the problem type, e.g. invalid-events.'),
  requests: count('Rejected requests.'),
  events: count('Events the rejected requests held (0 when rejected before the body was read).'),
});

const dataQuality = objectOf<DataQuality>(
  {
    events_by_type: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'Stored events by type.' },
    events_by_day: arrayOf(ref('ArrivalDay'), 'Stored events per UTC day of receipt, type and source.'),
    rejected_requests: arrayOf(ref('RejectionDay'), 'Rejected webhook requests per UTC day, source and reason.'),
    conflicts: {
      type: 'object',
      description: 'Events refused because their id was stored with other content.',
      required: ['count', 'recent'],
      properties: {
        count: count('All such events.'),
        recent: arrayOf(
          {
            type: 'object',
            required: ['event_id', 'received_at', 'source', 'webhook_id'],
            properties: { event_id: text(), received_at: text(), source: text(), webhook_id: text() },
          },
          'The most recent first.',
        ),
      },
    },
    late_arrivals: {
      type: 'object',
      description: 'Events received more than threshold_hours after they occurred.',
      required: ['threshold_hours', 'by_type_source'],
      properties: {
        threshold_hours: { type: 'number', minimum: 0 },
        by_type_source: arrayOf({
          type: 'object',
          required: ['type', 'source', 'events', 'max_delay_hours'],
          properties: { type: text(), source: text(), events: count('Late events.'), max_delay_hours: { type: 'number', minimum: 0 } },
        }),
      },
    },
    orphan_refunds: arrayOf(ref('OrphanRefund'), 'Refunds whose sale is unknown: left out of every figure.'),
    unattributed_sales: arrayOf(ref('UnattributedSale'), 'Sales with no team_id whose rep had no team at the sale\'s time: credited to no team.'),
  },
  'What the sending systems got wrong or left incomplete.',
);

/** An appraisal period label: a quarter `2026-Q3` or a year `2026`. */
export const APPRAISAL_PERIOD: JsonSchema = {
  type: 'string',
  pattern: '^\\d{4}(-Q[1-4])?$',
  description: 'An appraisal period: a quarter (`2026-Q3`) or a calendar year (`2026`), in ORG_TIMEZONE.',
  examples: ['2026-Q3', '2026'],
};
const QUARTER: JsonSchema = { type: 'string', pattern: '^\\d{4}-Q[1-4]$', examples: ['2026-Q3'] };
const DAY: JsonSchema = { type: 'string', format: 'date', description: 'Local day in ORG_TIMEZONE, YYYY-MM-DD.' };
const nullableRef = (name: string, description: string): JsonSchema => ({ oneOf: [ref(name), { type: 'null' }], description });
const signedMoney = (description: string): JsonSchema => money(`${description} May be negative.`);

const appraisalComponent = objectOf<AppraisalComponent>(
  {
    metric: { type: 'string', enum: [...SCORABLE_METRICS], description: 'The KPI (kpis.md) of the rep\'s period row this standard scores.' },
    label: text('The scheme\'s label for the standard.'),
    actual: nullable({ type: 'number' }, 'The rep\'s figure for the period (money exact to 4 decimals); null when the metric is undefined (e.g. no survey responses).'),
    target: nullable(
      { type: 'number' },
      'What a linear rule scores against: the rep\'s target for the period (target.set) or the scheme\'s fixed value; null for threshold bands or when none was set.',
    ),
    weight: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'The scheme\'s weight (the weights of a scheme sum to 1).' },
    effective_weight: nullable(
      { type: 'number', minimum: 0, maximum: 1 },
      'The weight after renormalising over the scored components (equal to weight when all were scored); null when not scored.',
    ),
    score: nullable({ type: 'number', minimum: 0 }, 'Points, 100 = on target, within the rule\'s floor and cap; null when not scored.'),
    status: {
      type: 'string',
      enum: ['scored', 'no_data', 'no_target', 'zero_target'],
      description: '`no_data`: the metric is undefined for the period; `no_target` / `zero_target`: a linear rule has no target, or a target of 0, to score against.',
    },
    explanation: text('The formula with the figures, in words.'),
  },
  'One KPI standard of a rep\'s appraisal: the figures, the rule\'s score and its weight.',
);

const consequence = objectOf<Consequence>(
  {
    summary: text('The band\'s label and what follows from it, in words.'),
    bonus_multiplier: { type: 'number', minimum: 0 },
    promotion_candidate: { type: 'boolean' },
    improvement_plan: { type: 'boolean' },
  },
  'What follows from a rating band, as the scheme says.',
);

const commissionTierLine = objectOf<CommissionTierLine>(
  {
    from_attainment: { type: 'number', minimum: 0, description: 'The tier pays from this attainment (base / target)...' },
    to_attainment: nullable({ type: 'number', minimum: 0 }, '...up to this one (the next tier\'s start, or the plan\'s max_attainment); null: no upper bound.'),
    rate: { type: 'number', minimum: 0, maximum: 1, description: 'Commission rate on this part of the base (0.04 = 4%).' },
    base: money('The part of the base paid at this tier\'s rate.'),
    amount: money('base × rate, rounded half away from zero to 4 decimals.'),
  },
  'One marginal tier of a commission statement (or the flat without-target rate, from 0 with no upper bound).',
);

const commissionSaleLine = objectOf<CommissionStatement['sales'][number]>(
  { sale_id: text(), day: DAY, amount: money('The sale amount as credited (latest amendment).') },
  'A sale credited to the rep in the quarter.',
);

const commissionRefundLine = objectOf<CommissionRefundLine>(
  { event_id: text('The sale.refunded event.'), sale_id: text(), day: DAY, amount: money('The refund amount.') },
  'A refund that reduced the base: a refund of one of this quarter\'s sales, made in or before the quarter.',
);

const clawbackLine = objectOf<ClawbackLine>(
  {
    event_id: text('The sale.refunded event.'),
    sale_id: text(),
    day: DAY,
    amount: money('The refund amount.'),
    sale_period: { ...QUARTER, description: 'The quarter the refunded sale was credited in.' },
    rate: { type: 'number', minimum: 0, description: 'The effective rate paid on the sale\'s quarter (its earned / its base; as frozen when that quarter is locked), to 6 decimals.' },
    clawback: money('amount × earned / base of the sale\'s quarter, rounded half away from zero: taken back in this quarter.'),
  },
  'A refund in this quarter of a sale credited in an earlier one: that sale\'s commission is clawed back here.',
);

const adjustmentLine = objectOf<AdjustmentLine>(
  {
    from_period: { ...QUARTER, description: 'The locked quarter whose payout changed.' },
    amount: signedMoney('What events since the lock changed in that quarter\'s earned − clawback (less what earlier adjustments settled).'),
    reason: text(),
  },
  'A change to a locked quarter\'s payout, paid (or recovered) in this open quarter instead.',
);

const commissionStatement = objectOf<CommissionStatement>(
  {
    plan: nullable({ type: 'string' }, 'The commission plan in force; null: none (nothing earned).'),
    target: nullable({ type: 'number' }, 'The rep\'s revenue target for the quarter (target_revenue of kpis.md); null: none, so the plan\'s flat without_target_rate applies. Money.'),
    base: signedMoney('Sales credited in the quarter less refunds of those sales made by the quarter\'s end.'),
    attainment: nullable({ type: 'number' }, 'base / target; null without a (non-zero) target.'),
    earned: money('Σ tiers[].amount.'),
    clawback: money('Σ clawbacks[].clawback.'),
    adjustment: signedMoney('Σ adjustments[].amount.'),
    payable: signedMoney('earned − clawback + adjustment (negative: recovered from later pay).'),
    tiers: arrayOf(ref('CommissionTierLine')),
    sales: arrayOf(ref('CommissionSaleLine'), 'Oldest first.'),
    refunds: arrayOf(ref('CommissionRefundLine'), 'Refunds that reduced the base, oldest first.'),
    clawbacks: arrayOf(ref('ClawbackLine'), 'Oldest first.'),
    adjustments: arrayOf(ref('AdjustmentLine')),
  },
  'A rep\'s commission for a quarter; for a year, the sum of its quarters (the lines stay in the quarters, so a year\'s lists are empty and its target and attainment null). Every amount is money exact to 4 decimals, each line rounded half away from zero, totals summed from the lines.',
);

const appraisalRow = objectOf<AppraisalRow>(
  {
    rep_id: text(),
    team_id: nullable({ type: 'string' }, 'The rep\'s team at the period\'s end (or at as_of while the period runs).'),
    score: nullable({ type: 'number', minimum: 0 }, 'Weighted score: Σ effective_weight × score over the scored components, to 2 decimals; null when nothing could be scored.'),
    band: nullable({ type: 'string' }, 'The scheme\'s rating band holding the score; null when not scored.'),
    consequence: nullableRef('Consequence', 'What the band means; null when not scored.'),
    rank_in_team: nullable({ type: 'integer', minimum: 1 }, '1 = best score in the team; ties share a rank; null when not scored.'),
    renormalised: { type: 'boolean', description: 'True when some component was not scored and the others\' weights were scaled up to sum to 1.' },
    components: arrayOf(ref('AppraisalComponent'), 'In the scheme\'s order.'),
    commission: ref('CommissionStatement'),
  },
  'One rep\'s appraisal for one period.',
);

const calibrationGroup = objectOf<CalibrationGroup>(
  {
    team_id: nullable({ type: 'string' }, 'null: the company.'),
    rated: count('Reps with a score.'),
    mean_score: nullable({ type: 'number' }, 'Mean score of the rated reps; null when none.'),
    bands: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'Reps per band, in the scheme\'s band order.' },
    flagged: {
      type: 'boolean',
      description: 'True when the team (at least 3 reps rated) has a mean more than two standard errors (company standard deviation / √rated) from the company mean.',
    },
    reason: nullable({ type: 'string' }, 'Why the team is flagged; null when not.'),
  },
  'A period\'s rating distribution of the company (first) or of one team.',
);

const appraisalPeriod = objectOf<AppraisalPeriod>(
  {
    period: APPRAISAL_PERIOD,
    grain: { type: 'string', enum: ['quarter', 'year'] },
    scheme: text('The id of the scheme in force for the period.'),
    scheme_name: text(),
    status: {
      type: 'string',
      enum: ['running', 'closed', 'locked'],
      description: '`running`: not ended at as_of (provisional); `closed`: ended; `locked`: frozen by an admin (later events become adjustment lines in the next open quarter).',
    },
    locked_at: nullable(instant('When the period was locked.'), 'When the period was locked; null unless locked.'),
    rows: arrayOf(ref('AppraisalRow'), 'One per rep with activity, in rep_id order.'),
    calibration: arrayOf(ref('CalibrationGroup'), 'The company first, then every team.'),
  },
  'One appraisal period (quarter or year) of the snapshot.',
);

const feedbackGroup = objectOf<FeedbackGroup>(
  {
    period: APPRAISAL_PERIOD,
    team_id: nullable({ type: 'string' }, 'null: the whole company.'),
    topic: text(),
    responses: { type: 'integer', minimum: 5, description: 'Responses in the group (never fewer than feedback_min_group).' },
    mean_score: nullable({ type: 'number', minimum: 1, maximum: 5 }, 'Mean score (1-5), to 2 decimals; null when no response had a score.'),
    favourable_rate: fraction('Share of scored responses of 4 or 5; null when none had a score.'),
  },
  'An anonymous feedback aggregate. Comments are never published.',
);

const hiddenFeedback = objectOf<AppraisalSection['feedback']['hidden'][number]>(
  {
    period: APPRAISAL_PERIOD,
    topic: text(),
    groups: count('Groups left out (teams under the minimum, responses naming no team, and the company row when the responses beyond the shown teams are 1 to min_group − 1).'),
  },
  'How many groups of a period and topic were left out; their responses are not shown.',
);

const lockAuditEntry = objectOf<LockAuditEntry>(
  {
    period: APPRAISAL_PERIOD,
    action: { type: 'string', enum: ['lock', 'unlock'] },
    at: instant('When.'),
    by: nullable({ type: 'string' }, 'Who, as given in the request body; null when not given.'),
    reason: nullable({ type: 'string' }, 'Why, as given in the request body (required to unlock).'),
    snapshot_id: nullable({ type: 'string' }, 'The snapshot whose figures were frozen (lock) or released (unlock).'),
  },
  'One lock or unlock of an appraisal period; the audit is append-only.',
);

const appraisalSection = objectOf<AppraisalSection>(
  {
    policy_version: text('The policy\'s own version.'),
    policy: { type: 'object', description: 'The appraisal and incentive policy in force (`quotient.policy/1`), as configured: schemes, bands, commission plans.' },
    periods: arrayOf(ref('AppraisalPeriod'), 'Every appraisal period, oldest first; a year follows its quarters.'),
    feedback: objectOf<AppraisalSection['feedback']>(
      {
        min_group: { type: 'integer', minimum: 5, description: 'Groups with fewer responses are never shown.' },
        groups: arrayOf(ref('FeedbackGroup'), 'Per period and topic: the company row (when shown), then the teams.'),
        hidden: arrayOf(ref('HiddenFeedback')),
      },
      'Anonymous feedback aggregates per quarter, team and topic (no year groups: a year less its shown quarters could give a hidden group away).',
    ),
    lock_audit: arrayOf(ref('LockAuditEntry'), 'Every lock and unlock, oldest first.'),
  },
  'Appraisals against the policy\'s schemes, commission statements with clawbacks and lock adjustments, calibration, and anonymous feedback aggregates.',
);

const appraisalsResponse = objectOf<AppraisalsResponse>(
  {
    as_of: instant('The snapshot\'s as_of.'),
    snapshot_id: text('The snapshot the period comes from (the latest).'),
    currency: text('ORG_CURRENCY.'),
    period: APPRAISAL_PERIOD,
    scheme: text('The id of the scheme in force for the period (its components and bands are in the snapshot\'s appraisals.policy).'),
    status: { type: 'string', enum: ['running', 'closed', 'locked'], description: 'As the period\'s status in the snapshot.' },
    locked: { type: 'boolean', description: 'status = locked.' },
    rows: arrayOf(ref('AppraisalRow'), 'Every rep\'s row, or the one asked for with ?rep=.'),
  },
  'One appraisal period of the latest snapshot.',
);

const lockResult = objectOf<LockResult>(
  {
    period: APPRAISAL_PERIOD,
    locked: { type: 'boolean', const: true },
    locked_at: instant('When the period was locked.'),
    frozen_from: text('The snapshot whose figures were frozen.'),
    snapshot_id: nullable({ type: 'string' }, 'The snapshot written by the recompute that followed; null when another recompute held the lease (the next one shows the lock).'),
  },
  'The period is locked.',
);

const unlockResult = objectOf<UnlockResult>(
  {
    period: APPRAISAL_PERIOD,
    locked: { type: 'boolean', const: false },
    unlocked_at: instant('When the period was released.'),
    snapshot_id: nullable({ type: 'string' }, 'The snapshot written by the recompute that followed; null when another recompute held the lease.'),
  },
  'The period is released and recomputed from every event.',
);

const customerRow = objectOf<CustomerRow>(
  {
    customer_id: text(),
    first_day: { ...DAY, description: 'Local day of the first purchase.' },
    last_day: { ...DAY, description: 'Local day of the last purchase.' },
    orders: count('Sales to the customer.'),
    revenue: money('Sum of the customer\'s sales as credited.'),
    refunds: money('Sum of refunds of the customer\'s sales.'),
    net_revenue: money('revenue − refunds.'),
    segment: nullable({ type: 'string' }, 'Segment of the latest sale; null when it named none.'),
    region: nullable({ type: 'string' }, 'Region of the latest sale; null when it named none.'),
    rep_id: text('Rep of the latest sale.'),
    team_id: nullable({ type: 'string' }, 'Team of the latest sale; null when credited to no team.'),
    first_sale_id: text('The first sale (earliest occurred_at, ties to the smaller sale_id): the one new_customers counts.'),
    first_rep_id: text('Rep credited with the first sale: who gained the customer.'),
    first_team_id: nullable({ type: 'string' }, 'Team credited with the first sale (the rep\'s team at its time); null when credited to no team.'),
    first_amount: money('Amount of the first sale as credited.'),
  },
  'A customer\'s purchases over all time (sales as credited, refunds of their sales).',
);

const wonOpportunityRow = objectOf<WonOpportunityRow>(
  {
    opportunity_id: text(),
    rep_id: nullable({ type: 'string' }, 'Rep of the opportunity.opened; null while the opening has not been received.'),
    team_id: nullable({ type: 'string' }, 'The rep\'s team when the opportunity closed (as win_rate credits it); null when none.'),
    customer_id: nullable({ type: 'string' }, 'Customer of the opening; null when it named none or was not received.'),
    amount: nullable({ type: 'number' }, 'The close\'s amount, else the opening\'s (money, exact to 4 decimals); null when neither named one.'),
    opened_at: nullable({ type: 'string', format: 'date-time' }, 'When the opportunity opened; null while the opening has not been received.'),
    closed_at: instant('When it was won (the latest close).'),
    closed_day: { ...DAY, description: 'Local day of the close: the period the win counts in.' },
    cycle_days: nullable({ type: 'number', minimum: 0 }, 'Days from opened to closed, as sales_cycle_days_median takes them; null without the opening.'),
  },
  'A won opportunity, credited like win_rate.',
);

const complaintRow = objectOf<ComplaintRow>(
  {
    ticket_id: text(),
    customer_id: text(),
    rep_id: nullable({ type: 'string' }, 'Rep of the ticket; null when it named none.'),
    team_id: nullable({ type: 'string' }, 'The rep\'s team when the complaint was opened (as complaints credits it); null when none.'),
    opened_at: instant('When the complaint was opened (the earliest opening).'),
    opened_day: { ...DAY, description: 'Local day of the opening: the period the complaint counts in.' },
    resolved_at: nullable({ type: 'string', format: 'date-time' }, 'The earliest resolution at or after opening; null while open.'),
    resolved_day: nullable(DAY, 'Local day of the resolution; null while open.'),
    resolution_hours: nullable({ type: 'number', minimum: 0 }, 'Hours from opened to resolved, as complaint_resolution_hours_median takes them; null while open.'),
  },
  'A complaint (ticket of kind complaint), credited like complaints.',
);

const cohortCell = objectOf<CohortCell>(
  {
    cohort: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Month of first purchase, YYYY-MM.' },
    month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM.' },
    customers: count('Customers of the cohort who bought in the month.'),
    net_revenue: signedMoney('Their sales in the month less refunds made in the month (of any of their sales).'),
  },
  'Customers of a cohort (month of first purchase) who bought in a month.',
);

const salesCycle = objectOf<SalesCycle>(
  {
    bins: arrayOf(
      {
        type: 'object',
        required: ['from_days', 'to_days'],
        properties: { from_days: count('First day of the bin.'), to_days: nullable({ type: 'integer', minimum: 1 }, 'The bin ends before this day; null: open.') },
      },
      'Day bins of the distribution.',
    ),
    quarters: arrayOf(
      {
        type: 'object',
        required: ['period', 'won', 'lost', 'counts'],
        properties: {
          period: APPRAISAL_PERIOD,
          won: count('Opportunities won in the quarter.'),
          lost: count('Opportunities lost in the quarter.'),
          counts: arrayOf(count('Won opportunities in the bin.'), 'One count per bin (won opportunities whose opening was received).'),
        },
      },
      'Per quarter of closing.',
    ),
  },
  'How long won opportunities took from opened to closed.',
);

const segmentMonth = objectOf<SegmentMonth>(
  {
    segment: nullable({ type: 'string' }, 'The sale\'s segment; null: sales that named none.'),
    month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM.' },
    orders: count('Sales of the segment in the month.'),
    customers: count('Distinct customers with such a sale.'),
    net_revenue: signedMoney('Those sales less refunds of the segment\'s sales made in the month.'),
  },
  'A customer segment\'s month.',
);

const snapshot = objectOf<Snapshot>(
  {
    schema: { type: 'string', const: SNAPSHOT_SCHEMA, description: 'The snapshot schema\'s name and version.' },
    snapshot_id: text('Identifies this snapshot version; pass it as ?id= to read it again.'),
    version: { type: 'integer', minimum: 1, description: '1, 2, 3, ... in the order snapshots were written.' },
    as_of: instant('When the newest event in this snapshot was received (or the recompute time when there are none), UTC.'),
    content_hash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the content (everything but id, version and as_of).' },
    timezone: text('ORG_TIMEZONE: the IANA zone every period boundary was computed in.'),
    currency: text('ORG_CURRENCY: the ISO 4217 code of every money figure.'),
    teams: arrayOf(ref('SnapshotTeam')),
    reps: arrayOf(ref('SnapshotRep')),
    kpis: arrayOf(
      ref('KpiRow'),
      'Every KPI row, sorted by scope (company, team, rep), id (code-point order), grain (day, week, month, quarter, year), period.',
    ),
    markets: arrayOf(ref('MarketShareRow'), 'Region and segment market shares.'),
    targets: arrayOf(ref('TargetVersionRow'), 'Every version of every target, oldest first per (scope, id, metric, period).'),
    pacing: arrayOf(ref('PacingRow'), 'Pacing of every scope with a revenue target for the month, quarter or year running at as_of.'),
    data_quality: ref('DataQuality'),
    appraisals: ref('AppraisalSection'),
    customers: objectOf<Snapshot['customers']>(
      {
        rows: arrayOf(ref('CustomerRow'), 'Every customer with a sale.'),
        cohorts: arrayOf(ref('CohortCell'), 'The cohort table retention is read from.'),
        segments: arrayOf(ref('SegmentMonth'), 'Net revenue, orders and customers per segment and month.'),
        sales_cycle: ref('SalesCycle'),
      },
      'Every customer\'s purchases, the cohort table and the segment months.',
    ),
    sales_process: objectOf<Snapshot['sales_process']>(
      {
        wins: arrayOf(ref('WonOpportunityRow'), 'Every won opportunity, oldest close first (ties by opportunity_id).'),
        complaints: arrayOf(ref('ComplaintRow'), 'Every complaint, oldest opening first (ties by ticket_id).'),
      },
      'The sales process item by item: what the win and complaint counts are made of.',
    ),
  },
  `Everything the site build reads, written by every recompute; immutable once written. Schema \`${SNAPSHOT_SCHEMA}\`. ` +
    'Money fields are JSON numbers exact to 4 decimals; ratios are fractions; a metric that cannot be defined is null, never 0.',
);

const kpisResponse = {
  type: 'object',
  required: ['as_of', 'snapshot_id', 'currency', 'timezone', 'rows'],
  properties: {
    as_of: { type: ['string', 'null'], format: 'date-time', description: 'The snapshot\'s as_of; null before the first recompute.' },
    snapshot_id: { type: ['string', 'null'], description: 'The snapshot the rows come from; null before the first recompute.' },
    currency: text('ORG_CURRENCY.'),
    timezone: text('ORG_TIMEZONE.'),
    rows: arrayOf(ref('KpiRow'), 'Empty before the first recompute and for an unknown id.'),
  },
};

const FORECAST_METHODS = ['naive', 'seasonal_naive', 'ses', 'holt', 'holt_winters', 'holt_winters_log'];

const forecastAccuracy = objectOf<Accuracy>(
  {
    method: { type: 'string', enum: FORECAST_METHODS },
    origins: count('Backtest origins: the series was cut at each and forecast forward.'),
    forecasts: count('(origin, horizon) forecasts scored.'),
    mape: nullable({ type: 'number', minimum: 0 }, 'Mean absolute percentage error, in percent, over actuals that are not 0; null when all are 0.'),
    mase: nullable({ type: 'number', minimum: 0 }, 'Mean absolute error / the in-sample mean absolute error of seasonal naive (below 1: better than it).'),
  },
  'Rolling-origin backtest accuracy.',
);

const forecastRow = objectOf<ForecastRow>({
  scope: { type: 'string', enum: ['company', 'team'] },
  id: nullable({ type: 'string' }, 'team_id; null for the company.'),
  grain: { type: 'string', enum: ['week', 'month', 'quarter'] },
  period: PERIOD_LABEL,
  metric: { type: 'string', const: 'net_revenue' },
  forecast: { type: 'number', description: 'Point forecast of net revenue (money, rounded to 4 decimals).' },
  lower: { type: 'number', description: 'Lower bound of the central 80% prediction interval.' },
  upper: { type: 'number', description: 'Upper bound of the central 80% prediction interval.' },
  level: { type: 'number', const: 0.8 },
});

const forecastsResponse = objectOf<ForecastsResponse>(
  {
    as_of: instant('The snapshot\'s as_of.'),
    snapshot_id: text('The snapshot the history comes from.'),
    method: { type: 'string', enum: FORECAST_METHODS, description: 'The method chosen: the lowest backtest error among those the series is long enough for.' },
    after: PERIOD_LABEL,
    parameters: { type: 'object', additionalProperties: { type: 'number' }, description: 'Smoothing parameters chosen (alpha, beta, gamma); empty for the naive methods.' },
    observations: count('Periods of history used.'),
    accuracy: { oneOf: [ref('ForecastAccuracy'), { type: 'null' }], description: 'The chosen method\'s backtest accuracy; null when too short to backtest.' },
    benchmark: { oneOf: [ref('ForecastAccuracy'), { type: 'null' }], description: 'Seasonal naive on the same backtest origins; null when the series is too short for it.' },
    interval: {
      type: 'object',
      required: ['z', 'calibrated', 'coverage'],
      properties: {
        z: { type: 'number', description: 'Half-width of the interval in model standard errors (1.2816 for a normal 80%).' },
        calibrated: { type: 'boolean', description: 'True when the backtest errors widened it beyond 1.2816.' },
        coverage: nullable({ type: 'number' }, 'Share of the newer half of the backtest inside intervals calibrated on the older half: an out-of-sample check of the 80%.'),
      },
    },
    note: nullable({ type: 'string' }, 'Why a simpler method had to be used (short series), in words.'),
    rows: arrayOf(ref('ForecastRow')),
  },
  'Net-revenue forecasts for the periods after `after`, using only figures up to its end.',
);

/** The read API's component schemas, by name. */
export const READ_SCHEMAS: Record<string, JsonSchema> = {
  KpiRow: kpiRow,
  KpisResponse: kpisResponse,
  Snapshot: snapshot,
  SnapshotTeam: team,
  SnapshotRep: rep,
  MarketShareRow: marketShareRow,
  TargetVersionRow: targetVersionRow,
  PacingRow: pacingRow,
  DataQuality: dataQuality,
  ArrivalDay: arrivalDay,
  RejectionDay: rejectionDay,
  OrphanRefund: orphanRefund,
  UnattributedSale: unattributedSale,
  CustomerRow: customerRow,
  WonOpportunityRow: wonOpportunityRow,
  ComplaintRow: complaintRow,
  CohortCell: cohortCell,
  SegmentMonth: segmentMonth,
  SalesCycle: salesCycle,
  AppraisalSection: appraisalSection,
  AppraisalPeriod: appraisalPeriod,
  AppraisalRow: appraisalRow,
  AppraisalComponent: appraisalComponent,
  Consequence: consequence,
  CommissionStatement: commissionStatement,
  CommissionTierLine: commissionTierLine,
  CommissionSaleLine: commissionSaleLine,
  CommissionRefundLine: commissionRefundLine,
  ClawbackLine: clawbackLine,
  AdjustmentLine: adjustmentLine,
  CalibrationGroup: calibrationGroup,
  FeedbackGroup: feedbackGroup,
  HiddenFeedback: hiddenFeedback,
  LockAuditEntry: lockAuditEntry,
  AppraisalsResponse: appraisalsResponse,
  ForecastsResponse: forecastsResponse,
  ForecastRow: forecastRow,
  ForecastAccuracy: forecastAccuracy,
  LockResult: lockResult,
  UnlockResult: unlockResult,
};
