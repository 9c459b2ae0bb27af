/**
 * The request's shape (api.md): one event object, or `{"events": [...]}` with 1 to 1000 events.
 * Anything else as a whole is a 400; problems inside an event are the validator's (422).
 */
import { parseJsonExact } from '../../shared/json/exact-number.ts';
import { ProblemError } from '../problem.ts';

export const MAX_EVENTS_PER_REQUEST = 1000;

function badRequest(detail: string): ProblemError {
  return new ProblemError(400, 'Bad request', detail, 'bad-request');
}

/** The raw events of a request body, numbers kept exact. */
export function parseEventsBody(text: string): unknown[] {
  let body: unknown;
  try {
    body = parseJsonExact(text);
  } catch (error) {
    throw badRequest(`the body is not valid JSON: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('the body must be a JSON object: one event, or {"events": [...]}');
  }
  if (!('events' in body)) return [body];
  const events = (body as { events: unknown }).events;
  if (!Array.isArray(events)) throw badRequest('"events" must be an array of events');
  if (events.length === 0) throw badRequest('"events" must hold at least 1 event');
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    throw badRequest(`"events" holds ${events.length} events; at most ${MAX_EVENTS_PER_REQUEST} per request`);
  }
  return events;
}
