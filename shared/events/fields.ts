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

/** Required money: JSON number or decimal string, <= 4 decimals, 0..1e12; parsed to 1/10000 units. */
export const money = z.unknown().optional().transform((value, ctx): bigint => {
  if (value === undefined || value === null) {
    ctx.addIssue({ code: 'custom', message: 'required' });
    return z.NEVER;
  }
  return moneyOrIssue(value, ctx);
});

/** Optional money (null counts as absent). */
export const optionalMoney = z.unknown().optional().transform((value, ctx): bigint | undefined => {
  if (value === undefined || value === null) return undefined;
  return moneyOrIssue(value, ctx);
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
