/** Typed events for tests, made the way the webhook makes them; an invalid fixture is a broken test. */
import { validateEvent, type QuotientEvent } from '../../shared/events/index.ts';

export function typed(raws: readonly unknown[]): QuotientEvent[] {
  return raws.map((raw, i) => {
    const result = validateEvent(raw, { currency: 'USD' });
    if (!result.ok) throw new Error(`fixture event ${i} (${String((raw as { id?: unknown }).id)}) is invalid: ${JSON.stringify(result.errors)}`);
    return result.event;
  });
}
