/** Field schemas shared by the event types: ids, money, optional-as-null, period labels. */
import { z } from 'zod';
import { parseMoneyUnits } from '../money.ts';

/** api.md: "An optional field given as null counts as absent." */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => (v === null ? undefined : v));
}

/** Ids are non-empty strings. */
export const id = z.string().min(1, 'must not be empty');

function moneyOrIssue(value: unknown, ctx: z.RefinementCtx): bigint {
  const units = parseMoneyUnits(value);
  if (typeof units === 'string') {
    ctx.addIssue({ code: 'custom', message: units });
    return z.NEVER;
  }
  return units;
}

/**
 * The JSON Schema of a money value as senders write it, for the OpenAPI document: the checks of
 * `parseMoneyUnits` that JSON Schema can state. Left to the description: a number's 4 decimal
 * places and a string's 1e12 ceiling. Stricter than `parseMoneyUnits` on one spelling only: a
 * string with zeros past the 4th decimal (`"1.50000"`), which the server accepts.
 */
export const MONEY_JSON_SCHEMA = {
  description:
    'Money in ORG_CURRENCY: a JSON number or a decimal string, at most 4 decimal places, 0 <= x <= 1e12, kept exactly ' +
    '(a number is read from its literal text, never through binary floating point).',
  oneOf: [
    { type: 'number', minimum: 0, maximum: 1e12 },
    { type: 'string', pattern: '^\\d+(\\.\\d{1,4})?$' },
  ],
};

/** Required money: JSON number or decimal string, <= 4 decimals, 0..1e12; parsed to 1/10000 units. */
export const money = z
  .unknown()
  .optional()
  .transform((value, ctx): bigint => {
    if (value === undefined || value === null) {
      ctx.addIssue({ code: 'custom', message: 'required' });
      return z.NEVER;
    }
    return moneyOrIssue(value, ctx);
  })
  .meta(MONEY_JSON_SCHEMA);

/** Optional money (null counts as absent). */
export const optionalMoney = z
  .unknown()
  .optional()
  .transform((value, ctx): bigint | undefined => {
    if (value === undefined || value === null) return undefined;
    return moneyOrIssue(value, ctx);
  })
  .meta({
    description: `${MONEY_JSON_SCHEMA.description} Optional: null counts as absent.`,
    oneOf: [...MONEY_JSON_SCHEMA.oneOf, { type: 'null' }],
  });

/** Target and market periods: `YYYY`, `YYYY-Qn`, `YYYY-MM`. */
export const targetPeriod = z
  .string()
  .regex(/^\d{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2]))?$/, 'must be a period label YYYY, YYYY-Qn or YYYY-MM');

/** A date (`YYYY-MM-DD`) or an RFC 3339 date-time. */
export const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date YYYY-MM-DD or an RFC 3339 date-time',
});

export const nonNegativeNumber = z.number().nonnegative();
export const nonNegativeInt = z.number().int().nonnegative();
