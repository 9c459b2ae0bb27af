/**
 * JSON Schemas of the ingestion contract, generated from the zod schemas that validate webhooks
 * (shared/events): one `<Type>Data` and one `<Type>Event` per event type, the `Event` union and
 * the batch body. Generation runs zod's `toJSONSchema` on the *input* side of each schema, so a
 * field that null-counts-as-absent shows as nullable and not required, and the rules the zod
 * transforms enforce appear through their `.meta()` (money, sale lines, target values).
 */
import { z } from 'zod';
import { money } from '../../shared/events/fields.ts';
import { DATA_SCHEMAS, EVENT_TYPES, FEEDBACK_FIELDS, MONEY_EVENT_TYPES, type EventType } from '../../shared/events/types.ts';
import { EVENT_ID_PATTERN } from '../../shared/events/validate.ts';
import { MAX_EVENTS_PER_REQUEST } from '../ingest/parse-request.ts';
import { ref, type JsonSchema } from './json-schema.ts';

/** `sale.closed` → `SaleClosed`: the component name stem of an event type. */
export function typeName(type: EventType): string {
  return type
    .split(/[._]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The envelope fields as validate.ts checks them (same zod builders, so the same patterns);
 * the data object of each type is its DATA_SCHEMAS entry.
 */
const eventId = z
  .string()
  .regex(EVENT_ID_PATTERN)
  .describe('1 to 128 characters of A-Z a-z 0-9 . _ : -; the sender-unique idempotency key.');
const occurredAt = z.iso
  .datetime({ offset: true })
  .describe('RFC 3339 date-time with an offset or Z, e.g. 2026-11-20T09:30:00+08:00. Periods are computed from it in ORG_TIMEZONE.');

/**
 * Money fields are `z.unknown().optional().transform(...)`, so zod sees them as optional keys;
 * the transform answers "required" for a missing required money field, and so must the document.
 */
function requireMoneyFields({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  if (!(zodSchema instanceof z.ZodObject)) return;
  const shape = zodSchema.shape as Record<string, unknown>;
  const moneyKeys = Object.keys(shape).filter((key) => shape[key] === money);
  if (moneyKeys.length === 0) return;
  const required = (jsonSchema.required as string[] | undefined) ?? [];
  jsonSchema.required = [...required, ...moneyKeys.filter((key) => !required.includes(key))];
}

const CURRENCY_PROPERTY: JsonSchema = {
  type: ['string', 'null'],
  description: 'Optional; when given it must equal ORG_CURRENCY (no currency conversion in v1). null counts as absent.',
};

const EXTRA_FIELDS_NOTE = 'Unknown extra fields are kept in the raw record and otherwise ignored.';

/**
 * The event components, keyed by component name. Throws when a schema has no JSON Schema
 * equivalent, so a new kind of field cannot slip into the document as `{}`.
 */
export function eventSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const type of EVENT_TYPES) {
    registry.add(DATA_SCHEMAS[type], { id: `${typeName(type)}Data` });
    const event = z
      .object({ id: eventId, type: z.literal(type), occurred_at: occurredAt, data: DATA_SCHEMAS[type] })
      .describe(`A ${type} event.`);
    registry.add(event, { id: `${typeName(type)}Event` });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
    override: requireMoneyFields,
  }) as { schemas: Record<string, JsonSchema> };
  if ('__shared' in schemas) throw new Error('openapi: zod extracted shared $defs; give the shared schema an id');
  // Each is a component of one OpenAPI document, not a standalone schema resource.
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }

  for (const type of EVENT_TYPES) {
    const data = schemas[`${typeName(type)}Data`]!;
    const properties = data.properties as Record<string, JsonSchema>;
    if (MONEY_EVENT_TYPES.has(type)) properties.currency = CURRENCY_PROPERTY;
    const note = type === 'feedback.submitted' ? `Only ${FEEDBACK_FIELDS.join(', ')} are kept; other fields are dropped.` : EXTRA_FIELDS_NOTE;
    data.description = data.description ? `${String(data.description)} ${note}` : note;
  }

  const mapping = Object.fromEntries(EVENT_TYPES.map((type) => [type, `#/components/schemas/${typeName(type)}Event`]));
  return {
    ...schemas,
    EventType: { type: 'string', enum: [...EVENT_TYPES], description: 'An unknown type is invalid (422).' },
    Event: {
      type: 'object',
      description:
        'One event: envelope {id, type, occurred_at, data}; `type` selects the schema of `data`. An optional field given as null counts as absent.',
      required: ['id', 'type', 'occurred_at', 'data'],
      properties: { type: ref('EventType') },
      oneOf: EVENT_TYPES.map((type) => ref(`${typeName(type)}Event`)),
      discriminator: { propertyName: 'type', mapping },
    },
    EventBatch: {
      type: 'object',
      required: ['events'],
      properties: {
        events: {
          type: 'array',
          items: ref('Event'),
          minItems: 1,
          maxItems: MAX_EVENTS_PER_REQUEST,
          description: 'Taken in order; an id repeated inside one request is taken in order too.',
        },
      },
    },
  };
}
