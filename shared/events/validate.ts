/**
 * The door: turns one decoded JSON value into a typed event, or into every field error it has,
 * each naming its path (`data.amount`, `data.lines[0].cost`) the way api.md's 422 reports them.
 */
import { z } from 'zod';
import { DATA_SCHEMAS, EVENT_TYPES, MONEY_EVENT_TYPES, type EventType, type QuotientEvent } from './types.ts';

export interface FieldError {
  path: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; event: QuotientEvent }
  | { ok: false; id: string | null; errors: FieldError[] };

export interface ValidationContext {
  /**
   * ORG_CURRENCY: the only currency money-bearing events may name. null skips the check (for
   * decoding events that were checked when they were stored, under the currency of that time).
   */
  currency: string | null;
}

export const EVENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const envelope = z.object({
  id: z.string({ error: (i) => (i.input === undefined ? 'required' : 'must be a string') }).regex(
    EVENT_ID_PATTERN,
    'must be 1 to 128 characters of A-Z a-z 0-9 . _ : -',
  ),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]], {
    error: (i) => (i.input === undefined ? 'required' : `unknown event type; expected one of ${EVENT_TYPES.join(', ')}`),
  }),
  occurred_at: z.iso
    .datetime({ offset: true, error: (i) => (i.input === undefined ? 'required' : 'must be an RFC 3339 date-time with offset or Z, e.g. 2026-11-20T09:30:00+08:00') }),
  data: z.record(z.string(), z.unknown(), { error: (i) => (i.input === undefined ? 'required' : 'must be an object') }),
});

/**
 * Plain messages for the issues zod words for programmers: a missing or null required field is
 * "required", a wrong type says what was expected.
 */
export const plainMessages: z.core.$ZodErrorMap = (issue) => {
  const absent = issue.input === undefined || issue.input === null;
  switch (issue.code) {
    case 'invalid_value':
      return absent ? 'required' : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type': {
      if (absent) return 'required';
      const expected = String(issue.expected);
      const article: Record<string, string> = { object: 'an object', int: 'a whole number', array: 'an array' };
      return `must be ${article[expected] ?? `a ${expected}`}`;
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'array') return `must hold at least ${issue.minimum} item(s)`;
      return `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `must hold at most ${issue.maximum} item(s)` : `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    default:
      return undefined;
  }
};

/** `['data', 'lines', 0, 'cost']` → `data.lines[0].cost`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): FieldError[] {
  return issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

/**
 * Validates one event of a webhook request.
 *
 * @example validateEvent({ id: 'e1', type: 'sale.refunded', occurred_at: '2026-01-01T00:00:00Z', data: { sale_id: 's1' } }, { currency: 'USD' })
 * // { ok: false, id: 'e1', errors: [{ path: 'data.amount', message: 'required' }] }
 */
export function validateEvent(raw: unknown, context: ValidationContext): ValidationResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, id: null, errors: [{ path: '', message: 'each event must be a JSON object' }] };
  }
  const head = envelope.safeParse(raw, { error: plainMessages });
  const rawId = (raw as { id?: unknown }).id;
  const id = typeof rawId === 'string' && EVENT_ID_PATTERN.test(rawId) ? rawId : null;
  const errors: FieldError[] = head.success ? [] : issuesToErrors(head.error.issues);

  const type = (raw as { type?: unknown }).type;
  const data = (raw as { data?: unknown }).data;
  let typedData: unknown;
  if (typeof type === 'string' && Object.hasOwn(DATA_SCHEMAS, type) && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const eventType = type as EventType;
    const parsed = DATA_SCHEMAS[eventType].safeParse(data, { error: plainMessages });
    if (parsed.success) typedData = parsed.data;
    else errors.push(...issuesToErrors(parsed.error.issues, ['data']));
    const currency = (data as { currency?: unknown }).currency;
    if (context.currency !== null && MONEY_EVENT_TYPES.has(eventType) && currency !== undefined && currency !== null && currency !== context.currency) {
      errors.push({ path: 'data.currency', message: `must be ${context.currency} (ORG_CURRENCY); no currency conversion in v1` });
    }
  }
  let occurredMs = NaN;
  if (head.success) {
    occurredMs = Date.parse(head.data.occurred_at);
    if (!Number.isFinite(occurredMs)) errors.push({ path: 'occurred_at', message: 'is not a real instant' });
  }
  if (errors.length > 0 || !head.success) return { ok: false, id, errors };
  const event = { id: head.data.id, type: head.data.type, occurred_at: head.data.occurred_at, occurredMs, data: typedData };
  return { ok: true, event: event as QuotientEvent };
}
