/**
 * The OpenAPI 3.1 document served at `GET /v1/openapi.json`. Event bodies come from the zod
 * schemas that validate webhooks (./event-schemas.ts); read bodies from ./snapshot-schemas.ts.
 * Built once per isolate, on first use: generation walks every event schema.
 */
import { z } from 'zod';
import { MAX_BODY_BYTES } from '../ingest/read-body.ts';
import { lockBody, unlockBody } from '../routes/admin.ts';
import { TIMESTAMP_TOLERANCE_S } from '../auth/webhook-signature.ts';
import { GRAINS, SCOPES } from '../../shared/snapshot.ts';
import { eventSchemas } from './event-schemas.ts';
import { ref, type JsonSchema } from './json-schema.ts';
import { APPRAISAL_PERIOD, PERIOD_LABEL, READ_SCHEMAS } from './snapshot-schemas.ts';

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
        description: 'Where in the event: `data.amount`, `data.lines[0].cost`, `occurred_at`; empty for the event as a whole (or the field of an admin request body, e.g. `reason`).',
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
  InvalidBodyProblem: {
    description: 'The JSON body does not fit the operation: every wrong field is listed (type /v1/problems/invalid-body).',
    allOf: [
      ref('Problem'),
      {
        required: ['errors'],
        properties: {
          errors: {
            type: 'array',
            minItems: 1,
            description: 'One entry per wrong field; `path` names the field (e.g. `reason`), empty for the body as a whole.',
            items: ref('FieldError'),
          },
        },
      },
    ],
  },
  InvalidEventsProblem: {
    description: 'Every invalid event of the request. Nothing from the request was stored.',
    allOf: [
      ref('Problem'),
      { required: ['errors'], properties: { errors: { type: 'array', minItems: 1, items: ref('InvalidEvent') } } },
    ],
  },
};

/** A request body schema from the zod schema the route validates it with (input side, as sent). */
function bodySchema(schema: z.ZodType, description: string): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  return { ...json, description };
}

const responseSchemas: Record<string, JsonSchema> = {
  LockRequest: bodySchema(lockBody, 'Optional: an empty body locks with neither `by` nor `reason`. Strings are trimmed; no other field is allowed.'),
  UnlockRequest: bodySchema(unlockBody, '`reason` is required. Strings are trimmed; no other field is allowed.'),
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
  AppraisalPeriodPath: { name: 'period', in: 'path', required: true, description: 'The appraisal period.', schema: APPRAISAL_PERIOD },
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
  '/v1/forecasts': {
    get: {
      operationId: 'getForecasts',
      tags: ['read'],
      summary: 'Net-revenue forecasts with 80% intervals and measured accuracy',
      description:
        'Forecasts for the company or a team for the `horizon` periods after `after`, fitted on the latest snapshot\'s rows up to the end of `after` only, ' +
        'so a forecast can be checked against what happened. The method is chosen per series by a rolling-origin backtest against seasonal naive.',
      security: [{ readToken: [] }],
      parameters: [
        { name: 'scope', in: 'query', required: true, schema: { type: 'string', enum: ['company', 'team'] } },
        { name: 'id', in: 'query', required: false, description: 'The team_id (required for scope=team).', schema: { type: 'string' } },
        { name: 'grain', in: 'query', required: true, schema: { type: 'string', enum: ['week', 'month', 'quarter'] } },
        { name: 'horizon', in: 'query', required: true, description: 'Periods to forecast: 1 to two seasons (104 weeks, 24 months, 8 quarters).', schema: { type: 'integer', minimum: 1, maximum: 104 } },
        {
          name: 'after',
          in: 'query',
          required: false,
          description: 'The last period of history used: a label of the grain that has ended. Default: the last complete period with figures.',
          schema: PERIOD_LABEL,
        },
      ],
      responses: {
        '200': ok('The forecast.', 'ForecastsResponse'),
        '400': problem('A missing or bad query parameter (type /v1/problems/bad-request).', 'BadParameterProblem'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '404': problem('No snapshot yet, or no figures for the scope and grain (type /v1/problems/not-found or no-snapshot).'),
        '422': problem('Fewer than 2 periods of history up to `after` (type /v1/problems/too-little-history).'),
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
  '/v1/appraisals': {
    get: {
      operationId: 'getAppraisals',
      tags: ['read'],
      summary: 'One appraisal period of the latest snapshot',
      description:
        'Each rep\'s appraisal for a quarter or a year under the scheme in force: every component\'s actual, target, weight and score, the weighted ' +
        'score (weights renormalised over the components that could be scored), the rating band and its consequence, the rank in the team, and the ' +
        'commission statement (tiers, clawbacks of refunds of earlier quarters\' sales, adjustments from locked quarters, payable). A locked period ' +
        'is served exactly as frozen.',
      security: [{ readToken: [] }],
      parameters: [
        { name: 'period', in: 'query', required: true, description: 'The appraisal period.', schema: APPRAISAL_PERIOD },
        {
          name: 'rep',
          in: 'query',
          required: false,
          description: 'A rep_id: only that rep\'s row (404 when the rep has no appraisal for the period).',
          schema: { type: 'string', minLength: 1 },
        },
      ],
      responses: {
        '200': ok('The period.', 'AppraisalsResponse'),
        '400': problem('period missing or not a quarter or year label, or rep empty (type /v1/problems/bad-request).', 'BadParameterProblem'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '404': problem(
          'No snapshot yet (/v1/problems/no-snapshot), no appraisal for the period in the latest snapshot, or none for the rep in it (/v1/problems/not-found).',
        ),
        '500': { $ref: '#/components/responses/InternalError' },
      },
    },
  },
  '/v1/admin/periods/{period}/lock': {
    post: {
      operationId: 'lockPeriod',
      tags: ['admin'],
      summary: 'Lock an appraisal period',
      description:
        'Freezes the period\'s appraisals and commissions exactly as the latest snapshot shows them, audits the lock, and recomputes so the ' +
        'published snapshot shows the period as locked. Later events never change a locked period: what they would change in a locked ' +
        'quarter\'s commission becomes an adjustment line in the next open quarter. Only a period that has ended at the snapshot\'s as_of can be locked.',
      security: [{ adminToken: [] }],
      parameters: [{ $ref: '#/components/parameters/AppraisalPeriodPath' }],
      requestBody: { required: false, content: { 'application/json': { schema: ref('LockRequest') } } },
      responses: {
        '200': ok('Locked.', 'LockResult'),
        '400': problem('The period is not a quarter or year label, or the body is not JSON (type /v1/problems/bad-request).'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '404': problem('The latest snapshot has no appraisal for the period (type /v1/problems/not-found).'),
        '409': problem(
          'The period is already locked (/v1/problems/period-locked), has not ended at the snapshot\'s as_of (/v1/problems/period-running), ' +
            'or there is no snapshot yet (/v1/problems/no-snapshot).',
        ),
        '422': problem('The body has a wrong or unknown field (type /v1/problems/invalid-body).', 'InvalidBodyProblem'),
        '500': { $ref: '#/components/responses/InternalError' },
      },
    },
  },
  '/v1/admin/periods/{period}/unlock': {
    post: {
      operationId: 'unlockPeriod',
      tags: ['admin'],
      summary: 'Unlock an appraisal period',
      description:
        'Releases a locked period (a reason is required; the lock and the unlock both stay in the audit) and recomputes: the period is ' +
        'appraised from every event again, and the adjustment lines its lock had caused disappear.',
      security: [{ adminToken: [] }],
      parameters: [{ $ref: '#/components/parameters/AppraisalPeriodPath' }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('UnlockRequest') } } },
      responses: {
        '200': ok('Unlocked.', 'UnlockResult'),
        '400': problem('The period is not a quarter or year label, or the body is not JSON (type /v1/problems/bad-request).'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '409': problem('The period is not locked (type /v1/problems/period-not-locked).'),
        '422': problem('`reason` missing or empty, or a wrong or unknown field (type /v1/problems/invalid-body).', 'InvalidBodyProblem'),
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
      summary: 'Sales performance management: signed event webhooks in, KPI snapshots and appraisals out.',
      description:
        'Contract v1. Errors are RFC 9457 `application/problem+json`. Money is exact to 4 decimals in ORG_CURRENCY; ' +
        'ratios are fractions; a metric that cannot be defined is null, never 0. Periods are computed in ORG_TIMEZONE.',
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
