/**
 * One schema per event type (api.md). These schemas are the only definition of the contract:
 * the webhook validates with them, recompute decodes stored events with them, and the
 * TypeScript types below are inferred from them.
 */
import { z } from 'zod';
import { MONEY_JSON_SCHEMA, dateOrDateTime, id, money, nonNegativeInt, nonNegativeNumber, optional, optionalMoney, targetPeriod } from './fields.ts';

const saleLine = z.object({
  product_id: optional(id),
  category: optional(z.string()),
  quantity: optional(nonNegativeNumber),
  amount: money,
  cost: optionalMoney,
});

const saleClosed = z
  .object({
    sale_id: id,
    rep_id: id,
    customer_id: id,
    amount: optionalMoney,
    cost: optionalMoney,
    quantity: optional(nonNegativeNumber),
    team_id: optional(id),
    region: optional(z.string()),
    segment: optional(z.string()),
    channel: optional(z.string()),
    product_id: optional(id),
    category: optional(z.string()),
    lines: optional(z.array(saleLine).min(1, 'must not be empty')),
  })
  .transform((sale, ctx) => {
    // With lines, amount is their sum and cost is their sum when every line has one.
    let amountUnits = sale.amount;
    let costUnits = sale.cost;
    if (sale.lines) {
      const sum = sale.lines.reduce((acc, line) => acc + line.amount, 0n);
      if (amountUnits !== undefined && amountUnits !== sum) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must equal the sum of lines[].amount' });
        return z.NEVER;
      }
      amountUnits = sum;
      if (sale.lines.every((line) => line.cost !== undefined)) {
        const costSum = sale.lines.reduce((acc, line) => acc + (line.cost ?? 0n), 0n);
        if (costUnits !== undefined && costUnits !== costSum) {
          ctx.addIssue({ code: 'custom', path: ['cost'], message: 'must equal the sum of lines[].cost' });
          return z.NEVER;
        }
        costUnits = costSum;
      }
    }
    if (amountUnits === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'required (unless lines are given)' });
      return z.NEVER;
    }
    return { ...sale, amount: amountUnits, cost: costUnits };
  })
  // The transform's rules, for the OpenAPI document (JSON Schema cannot check the sums).
  .meta({
    description:
      'A closed sale. `amount` is required unless `lines` is given; with `lines`, amount is their sum (a top-level amount ' +
      'that disagrees is invalid) and cost is their sum when every line has one. team_id defaults to the rep\'s team at ' +
      'occurred_at. A later sale.closed for the same sale_id under another event id amends the sale (latest occurred_at wins).',
    anyOf: [
      { required: ['amount'], properties: { amount: { not: { type: 'null' } } } },
      { required: ['lines'], properties: { lines: { type: 'array' } } },
    ],
  });

const targetSet = z
  .object({
    scope: z.enum(['company', 'team', 'rep']),
    scope_id: optional(id),
    metric: z.enum(['revenue', 'profit', 'new_customers', 'orders']),
    period: targetPeriod,
    value: z
      .unknown()
      .optional()
      .meta({ description: 'Money for metric revenue or profit; a non-negative integer for new_customers or orders.' }),
  })
  .transform((target, ctx) => {
    if (target.scope !== 'company' && target.scope_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scope_id'], message: `required for scope ${target.scope}` });
    }
    let value: bigint | undefined;
    if (target.metric === 'revenue' || target.metric === 'profit') {
      const parsed = money.safeParse(target.value);
      if (parsed.success) value = parsed.data;
      else ctx.addIssue({ code: 'custom', path: ['value'], message: parsed.error.issues[0]?.message ?? 'invalid' });
    } else {
      const parsed = nonNegativeInt.safeParse(target.value);
      if (parsed.success) value = BigInt(parsed.data);
      else ctx.addIssue({ code: 'custom', path: ['value'], message: `must be a non-negative integer for metric ${target.metric}` });
    }
    if (value === undefined || (target.scope !== 'company' && target.scope_id === undefined)) return z.NEVER;
    // value: money units for revenue/profit, a plain count for new_customers/orders.
    return { ...target, scope_id: target.scope === 'company' ? undefined : target.scope_id, value };
  })
  // The transform's rules, for the OpenAPI document.
  .meta({
    description:
      'A target for (scope, scope_id, metric, period). The version with the latest occurred_at wins (ties: greater event id); all versions are kept.',
    allOf: [
      {
        if: { required: ['scope'], properties: { scope: { const: 'company' } } },
        else: { required: ['scope_id'], properties: { scope_id: { type: 'string' } } },
      },
      {
        if: { required: ['metric'], properties: { metric: { enum: ['revenue', 'profit'] } } },
        then: { required: ['value'], properties: { value: { oneOf: MONEY_JSON_SCHEMA.oneOf } } },
        else: { required: ['value'], properties: { value: { type: 'integer', minimum: 0 } } },
      },
    ],
  });

const surveyResponded = z
  .object({
    customer_id: id,
    score: z.number().int(),
    scale: z.enum(['csat5', 'nps10']),
    rep_id: optional(id),
  })
  .superRefine((survey, ctx) => {
    const [min, max] = survey.scale === 'csat5' ? [1, 5] : [0, 10];
    if (survey.score < min || survey.score > max) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: `must be from ${min} to ${max} on scale ${survey.scale}` });
    }
  })
  // The refinement, for the OpenAPI document.
  .meta({
    description: 'A survey answer: score 1-5 on scale csat5, 0-10 on scale nps10.',
    allOf: [
      {
        if: { required: ['scale'], properties: { scale: { const: 'csat5' } } },
        then: { properties: { score: { minimum: 1, maximum: 5 } } },
        else: { properties: { score: { minimum: 0, maximum: 10 } } },
      },
    ],
  });

/** The data schema of each event type. */
export const DATA_SCHEMAS = {
  'team.upserted': z.object({ team_id: id, name: z.string().min(1), parent_id: optional(id), manager_rep_id: optional(id) }),
  'rep.upserted': z
    .object({
      rep_id: id,
      name: z.string().min(1),
      team_id: id,
      role: optional(z.enum(['rep', 'manager'])),
      hired_at: optional(dateOrDateTime),
      active: optional(z.boolean()),
    })
    .describe('A rep. Team membership takes effect at occurred_at and is kept as history.'),
  'sale.closed': saleClosed,
  'sale.refunded': z
    .object({ sale_id: id, amount: money, cost: optionalMoney, reason: optional(z.string()) })
    .describe('A refund of a sale; it may arrive before its sale.'),
  'target.set': targetSet,
  'survey.responded': surveyResponded,
  'market.sized': z
    .object({ period: targetPeriod, amount: money, region: optional(z.string()), segment: optional(z.string()) })
    .describe('Total market revenue for a period (and optionally a region and/or segment); the latest occurred_at wins.'),
  'customer.contacted': z.object({
    customer_id: id,
    rep_id: id,
    kind: z.enum(['visit', 'call', 'email', 'meeting', 'demo']),
    outcome: optional(z.string()),
  }),
  'opportunity.opened': z.object({ opportunity_id: id, rep_id: id, customer_id: optional(id), amount: optionalMoney }),
  'opportunity.closed': z.object({ opportunity_id: id, outcome: z.enum(['won', 'lost']), amount: optionalMoney }),
  'ticket.opened': z.object({ ticket_id: id, customer_id: id, kind: z.enum(['complaint', 'service']), rep_id: optional(id) }),
  'ticket.resolved': z.object({ ticket_id: id }),
  'feedback.submitted': z
    .object({
      topic: z.string().min(1),
      team_id: optional(id),
      score: optional(z.number().int().min(1).max(5)),
      comment: optional(z.string()),
    })
    .describe('Anonymous feedback: only topic, team_id, score and comment are kept; no person\'s id is stored with it.'),
} as const;

export type EventType = keyof typeof DATA_SCHEMAS;
export const EVENT_TYPES = Object.keys(DATA_SCHEMAS) as EventType[];

/** Fields that money-bearing events may carry: `currency`, which must equal ORG_CURRENCY. */
export const MONEY_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  'sale.closed',
  'sale.refunded',
  'target.set',
  'market.sized',
  'opportunity.opened',
  'opportunity.closed',
]);

/** feedback.submitted is anonymous: only these data fields are ever stored. */
export const FEEDBACK_FIELDS = ['topic', 'team_id', 'score', 'comment'] as const;

export type EventData<T extends EventType> = z.output<(typeof DATA_SCHEMAS)[T]>;

/** A validated event: the envelope with `occurredMs` (UTC epoch ms) and typed data. */
export type QuotientEvent = {
  [T in EventType]: { id: string; type: T; occurred_at: string; occurredMs: number; data: EventData<T> };
}[EventType];

export type EventOf<T extends EventType> = Extract<QuotientEvent, { type: T }>;
