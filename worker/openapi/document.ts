/**
 * The OpenAPI 3.1 document served at `GET /v1/openapi.json`. Event bodies come from the zod
 * schemas that validate webhooks (./event-schemas.ts); read bodies from ./snapshot-schemas.ts.
 * Built once per isolate, on first use: generation walks every event schema.
 */
import { MAX_BODY_BYTES } from '../ingest/read-body.ts';
import { TIMESTAMP_TOLERANCE_S } from '../auth/webhook-signature.ts';
import { GRAINS, SCOPES } from '../../shared/snapshot.ts';
import { eventSchemas } from './event-schemas.ts';
import { ref, type JsonSchema } from './json-schema.ts';
import { PERIOD_LABEL, READ_SCHEMAS } from './snapshot-schemas.ts';

const PROBLEM_JSON = 'application/problem+json';

const problemSchemas: Record<string, JsonSchema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details. `type` is /v1/problems/<slug>; the slug names the kind of problem.',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', format: 'uri-reference', examples: ['/v1/problems/bad-request'] },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string', description: 'What went wrong, in words meant for the sender.' },
      instance: { type: 'string', description: 'The request path.' },
    },
  },
  BadParameterProblem: {
    allOf: [
      ref('Problem'),
      {
        required: ['parameter'],
        properties: { parameter: { type: 'string', description: 'The query parameter at fault.' } },
      },
    ],
  },
  FieldError: {
    type: 'object',
    required: ['path', 'message'],
    properties: {
      path: {
        type: 'string',
        description: 'Where in the event: `data.amount`, `data.lines[0].cost`, `occurred_at`; empty for the event as a whole.',
        examples: ['data.amount'],
      },
      message: { type: 'string', examples: ['required'] },
    },
  },
  InvalidEvent: {
    type: 'object',
    required: ['index', 'id', 'errors'],
    properties: {
      index: { type: 'integer', minimum: 0, description: 'Position of the event in the request (0 for a single-event body).' },
      id: { type: ['string', 'null'], description: 'The event\'s id; null when it is missing or unusable.' },
      errors: { type: 'array', minItems: 1, items: ref('FieldError') },
    },
  },
  InvalidEventsProblem: {
    description: 'Every invalid event of the request. Nothing from the request was stored.',
    allOf: [
      ref('Problem'),
      { required: ['errors'], properties: { errors: { type: 'array', minItems: 1, items: ref('InvalidEvent') } } },
    ],
  },
};

const responseSchemas: Record<string, JsonSchema> = {
  IngestRequest: {
    description: 'One event, or {"events": [...]} with 1 to 1000 events. A body with an `events` key is a batch.',
    oneOf: [ref('Event'), ref('EventBatch')],
  },
  IngestResult: {
    type: 'object',
    required: ['accepted', 'duplicates', 'conflicts'],
    properties: {
      accepted: { type: 'integer', minimum: 0, description: 'Events stored by this request.' },
      duplicates: {
        type: 'integer',
        minimum: 0,
        description: 'Events whose id was already stored with identical content (equal as JSON values): redeliveries, nothing changed.',
      },
      conflicts: {
        type: 'array',
        description: 'Events whose id was already stored with different content: the stored event is kept, this one was not stored.',
        items: {
          type: 'object',
          required: ['id', 'index'],
          properties: { id: { type: 'string' }, index: { type: 'integer', minimum: 0 } },
        },
      },
    },
  },
  Health: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean', const: true } } },
  RecomputeResult: {
    type: 'object',
    required: ['snapshot_id', 'as_of', 'duration_ms'],
    properties: {
      snapshot_id: { type: 'string', description: 'The snapshot now latest.' },
      as_of: { type: 'string', format: 'date-time', description: 'The snapshot\'s as_of.' },
      duration_ms: { type: 'integer', minimum: 0 },
    },
  },
};

function problem(description: string, schema = 'Problem', headers?: JsonSchema): JsonSchema {
  return { description, ...(headers ? { headers } : {}), content: { [PROBLEM_JSON]: { schema: ref(schema) } } };
}

function ok(description: string, schema: string, contentType = 'application/json'): JsonSchema {
  return { description, content: { [contentType]: { schema: ref(schema) } } };
}

const responses: Record<string, JsonSchema> = {
  BadRequest: problem('The request as a whole has the wrong shape (type /v1/problems/bad-request).'),
  Unauthorized: problem('Missing or wrong bearer token (type /v1/problems/unauthorized).', 'Problem', {
    'WWW-Authenticate': { schema: { type: 'string', examples: ['Bearer realm="quotient"'] } },
  }),
  InternalError: problem(
    'The request failed (/v1/problems/internal-error; nothing was stored, retrying is safe) or the Worker is misconfigured (/v1/problems/misconfigured).',
  ),
};

const bearer = (token: string, use: string): JsonSchema => ({
  type: 'http',
  scheme: 'bearer',
  description: `\`Authorization: Bearer <${token}>\`: ${use}. An unset token locks the routes rather than opening them.`,
});

const headerParameter = (name: string, description: string, schema: JsonSchema): JsonSchema => ({
  name,
  in: 'header',
  required: true,
  description,
  schema,
});

const parameters: Record<string, JsonSchema> = {
  WebhookId: headerParameter('webhook-id', 'Standard Webhooks message id (signed; recorded with the stored events).', { type: 'string', minLength: 1 }),
  WebhookTimestamp: headerParameter(
    'webhook-timestamp',
    `Unix seconds; must be within ${TIMESTAMP_TOLERANCE_S} s of the server's clock either way.`,
    { type: 'string', pattern: '^\\d+$' },
  ),
  WebhookSignature: headerParameter(
    'webhook-signature',
    'Space-separated list of `v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed by the base64-decoded ' +
      'secret after `whsec_` of any WEBHOOK_SECRETS entry. A request signed by the `standardwebhooks` npm package is accepted unchanged.',
    { type: 'string', examples: ['v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='] },
  ),
};

const ingestDescription =
  'Signed per Standard Webhooks v1 (symmetric). Checks run in the order 413, 401, 415, 400, 422, so nothing unsigned is ever parsed. ' +
  'Storage is all-or-nothing per request: a 5xx stores nothing, so retrying is safe. Numbers are read from their literal text, so money is kept exactly.';

const paths: Record<string, JsonSchema> = {
  '/v1/events': {
    post: {
      operationId: 'postEvents',
      tags: ['ingestion'],
      summary: 'Ingest one event or a batch of events',
      description: ingestDescription,
      security: [],
      parameters: ['WebhookId', 'WebhookTimestamp', 'WebhookSignature'].map((name) => ({ $ref: `#/components/parameters/${name}` })),
      requestBody: { required: true, content: { 'application/json': { schema: ref('IngestRequest') } } },
      responses: {
        '200': ok('Stored, duplicates and conflicts counted.', 'IngestResult'),
        '400': problem('Not JSON, not an object, `events` not an array, or 0 or more than 1000 events (type /v1/problems/bad-request).'),
        '401': problem('Missing or invalid signature, or timestamp outside tolerance; no detail on which (type /v1/problems/invalid-signature).'),
        '413': problem(`Body over ${MAX_BODY_BYTES} bytes (1 MiB) (type /v1/problems/payload-too-large).`),
        '415': problem('Content-Type is not application/json (type /v1/problems/unsupported-media-type).'),
        '422': problem(
          'At least one event is invalid, its envelope included; nothing from the request was stored (type /v1/problems/invalid-events).',
          'InvalidEventsProblem',
        ),
        '500': { $ref: '#/components/responses/InternalError' },
      },
    },
  },
  '/v1/health': {
    get: {
      operationId: 'getHealth',
      tags: ['meta'],
      summary: 'Liveness',
      security: [],
      responses: { '200': ok('Up.', 'Health') },
    },
  },
  '/v1/kpis': {
    get: {
      operationId: 'getKpis',
      tags: ['read'],
      summary: 'KPI rows of the latest snapshot',
      description:
        'Rows of the latest snapshot for one scope and grain, in period order. Before the first recompute: 200 with as_of and snapshot_id null and no rows.',
      security: [{ readToken: [] }],
      parameters: [
        { name: 'scope', in: 'query', required: true, schema: { type: 'string', enum: [...SCOPES] } },
        { name: 'grain', in: 'query', required: true, schema: { type: 'string', enum: [...GRAINS] } },
        {
          name: 'id',
          in: 'query',
          required: false,
          description: 'A team_id or rep_id. Ignored for company; omitted for team or rep means all of them. An unknown id gives no rows.',
          schema: { type: 'string' },
        },
        {
          name: 'from',
          in: 'query',
          required: false,
          description: 'First period, inclusive: a label of the requested grain (a label of another grain is a 400).',
          schema: PERIOD_LABEL,
        },
        {
          name: 'to',
          in: 'query',
          required: false,
          description: 'Last period, inclusive: a label of the requested grain (a label of another grain is a 400).',
          schema: PERIOD_LABEL,
        },
      ],
      responses: {
        '200': ok('The rows.', 'KpisResponse'),
        '400': problem('A missing or bad query parameter (type /v1/problems/bad-request).', 'BadParameterProblem'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '500': { $ref: '#/components/responses/InternalError' },
      },
    },
  },
  '/v1/snapshot': {
    get: {
      operationId: 'getSnapshot',
      tags: ['read'],
      summary: 'The latest snapshot (or an older version by id)',
      description: 'Everything the site build reads. Money digits leave exactly as the recompute wrote them.',
      security: [{ readToken: [] }],
      parameters: [
        { name: 'id', in: 'query', required: false, description: 'A snapshot_id, for an older version.', schema: { type: 'string' } },
      ],
      responses: {
        '200': ok('The snapshot.', 'Snapshot'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '404': problem('No snapshot with that id (/v1/problems/not-found), or none yet before the first recompute (/v1/problems/no-snapshot).'),
        '500': { $ref: '#/components/responses/InternalError' },
      },
    },
  },
  '/v1/admin/recompute': {
    post: {
      operationId: 'recompute',
      tags: ['admin'],
      summary: 'Recompute the KPIs now',
      description:
        'Runs the scheduled handler\'s recompute and writes a new immutable snapshot version when the content changed. The same stored events always give the same numbers. Incremental by default: only the sales and periods touched by events stored since the last run are recomputed.',
      security: [{ adminToken: [] }],
      parameters: [
        {
          name: 'full',
          in: 'query',
          required: false,
          schema: { type: 'boolean', default: false },
          description: 'true: rebuild the sales side from every stored event instead of only what changed (gives the same figures).',
        },
      ],
      responses: {
        '200': ok('The snapshot now latest.', 'RecomputeResult'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '409': problem('Another recompute is running; retry shortly (type /v1/problems/recompute-in-progress).', 'Problem', {
          'Retry-After': { schema: { type: 'integer', minimum: 0 }, description: 'Seconds to wait.' },
        }),
        '500': { $ref: '#/components/responses/InternalError' },
      },
    },
  },
  '/v1/openapi.json': {
    get: {
      operationId: 'getOpenApi',
      tags: ['meta'],
      summary: 'This document',
      security: [],
      responses: {
        '200': { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  },
};

function buildDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quotient API',
      version: '1',
      summary: 'Sales performance management: signed event webhooks in, KPI snapshots out.',
      description:
        'Contract v1. Errors are RFC 9457 `application/problem+json`. Money is exact to 4 decimals in ORG_CURRENCY; ' +
        'ratios are fractions; a metric that cannot be defined is null, never 0. Periods are computed in ORG_TIMEZONE.\n\n' +
        'Not implemented yet, so not described here: `GET /v1/appraisals` and `GET /v1/forecasts`.',
    },
    tags: [
      { name: 'ingestion', description: 'Signed webhooks from the sending systems.' },
      { name: 'read', description: 'Bearer READ_TOKEN.' },
      { name: 'admin', description: 'Bearer ADMIN_TOKEN.' },
      { name: 'meta', description: 'No authentication.' },
    ],
    paths,
    components: {
      schemas: { ...eventSchemas(), ...problemSchemas, ...responseSchemas, ...READ_SCHEMAS },
      parameters,
      responses,
      securitySchemes: {
        readToken: bearer('READ_TOKEN', 'the read API'),
        adminToken: bearer('ADMIN_TOKEN', 'admin calls'),
      },
    },
  };
}

let built: JsonSchema | undefined;

/**
 * The OpenAPI document, built on first call and then reused.
 *
 * @example app.get('/v1/openapi.json', (c) => c.json(openApiDocument()))
 */
export function openApiDocument(): JsonSchema {
  built ??= buildDocument();
  return built;
}
