/**
 * JSON Schemas of the read API's bodies: the KPI row and the snapshot (`quotient.snapshot/1`).
 * These are written by hand because shared/snapshot.ts has TypeScript types, not zod schemas;
 * each object is declared with `objectOf<T>()`, so a field added to or removed from those
 * types fails the typecheck here instead of silently drifting from the document.
 */
import type {
  ArrivalDay,
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
    appraisals: { type: 'object', description: 'Appraisals, commissions and anonymous feedback aggregates.' },
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
};
