/**
 * GET /v1/openapi.json. No JSON Schema validator is installed (and none is added), so instead of
 * validating examples against the document, these tests check the facts the document states —
 * required fields, enums, patterns, bounds, nullability — against validateEvent and against
 * real responses of the Worker.
 */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, validateEvent, type EventType } from '../../shared/events/index.ts';
import { FIXTURE_EVENTS } from './fixture-company.ts';
import { BASE, makeSale, postEvents, read, recompute } from './helpers.ts';

type Schema = Record<string, any>;

let doc: Schema;
let contentType: string | null;
let status: number;

beforeAll(async () => {
  const response = await SELF.fetch(`${BASE}/v1/openapi.json`);
  status = response.status;
  contentType = response.headers.get('content-type');
  doc = await response.json();
});

/** The schema a `$ref` (or a chain of them) points to. */
function resolve(schema: Schema): Schema {
  let current = schema;
  while (current.$ref) {
    current = (current.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: Schema | undefined, key) => node?.[key], doc) as Schema;
    expect(current, `${schema.$ref} resolves`).toBeDefined();
  }
  return current;
}

const schemaOf = (name: string): Schema => resolve({ $ref: `#/components/schemas/${name}` });
const typeName = (type: string) => type.split(/[._]/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const dataSchema = (type: EventType) => schemaOf(`${typeName(type)}Data`);
const MONEY_BRANCHES = [
  { type: 'number', minimum: 0, maximum: 1e12 },
  { type: 'string', pattern: '^\\d+(\\.\\d{1,4})?$' },
];
const CONTEXT = { currency: 'USD' };
const event = (type: string, data: Record<string, unknown>, envelope: Record<string, unknown> = {}) => ({
  id: 'e_1',
  type,
  occurred_at: '2026-03-10T10:00:00Z',
  data,
  ...envelope,
});
const isValid = (raw: unknown) => validateEvent(raw, CONTEXT).ok;

describe('GET /v1/openapi.json', () => {
  it('answers 200 application/json with an OpenAPI 3.1.0 document, without a token', () => {
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTypeOf('string');
  });

  it('describes every path of api.md with its methods', () => {
    const methods = Object.fromEntries(Object.entries(doc.paths as Schema).map(([path, item]) => [path, Object.keys(item).sort()]));
    expect(methods).toEqual({
      '/v1/events': ['post'],
      '/v1/health': ['get'],
      '/v1/kpis': ['get'],
      '/v1/snapshot': ['get'],
      '/v1/appraisals': ['get'],
      '/v1/forecasts': ['get'],
      '/v1/admin/recompute': ['post'],
      '/v1/admin/periods/{period}/lock': ['post'],
      '/v1/admin/periods/{period}/unlock': ['post'],
      '/v1/openapi.json': ['get'],
    });
    expect(doc.info.description).not.toContain('Not described');
  });

  it('resolves every $ref inside the document', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref') refs.push(value as string);
          else walk(value);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect(ref).toMatch(/^#\/components\//);
    for (const ref of new Set(refs)) resolve({ $ref: ref });
  });

  it('guards the read API with READ_TOKEN and recompute with ADMIN_TOKEN, both bearer schemes', () => {
    expect(doc.components.securitySchemes.readToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/kpis'].get.security).toEqual([{ readToken: [] }]);
    expect(doc.paths['/v1/snapshot'].get.security).toEqual([{ readToken: [] }]);
    expect(doc.paths['/v1/admin/recompute'].post.security).toEqual([{ adminToken: [] }]);
    expect(doc.paths['/v1/appraisals'].get.security).toEqual([{ readToken: [] }]);
    expect(doc.paths['/v1/admin/periods/{period}/lock'].post.security).toEqual([{ adminToken: [] }]);
    expect(doc.paths['/v1/admin/periods/{period}/unlock'].post.security).toEqual([{ adminToken: [] }]);
    for (const [path, method] of [['/v1/events', 'post'], ['/v1/health', 'get'], ['/v1/openapi.json', 'get']] as const) {
      expect(doc.paths[path][method].security, path).toEqual([]);
    }
  });

  it('lists the Standard Webhooks headers as required parameters of POST /v1/events', () => {
    const parameters = (doc.paths['/v1/events'].post.parameters as Schema[]).map(resolve);
    expect(parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['webhook-id', 'header', true],
      ['webhook-timestamp', 'header', true],
      ['webhook-signature', 'header', true],
    ]);
  });

  it('answers ingestion errors as application/problem+json, the 422 with errors[]', () => {
    const responses = doc.paths['/v1/events'].post.responses as Schema;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '413', '415', '422', '500']);
    for (const code of ['400', '401', '413', '415', '422', '500']) {
      expect(Object.keys(resolve(responses[code]).content), code).toEqual(['application/problem+json']);
    }
    expect(resolve(responses['200'].content['application/json'].schema).required).toEqual(['accepted', 'duplicates', 'conflicts']);
    const invalid = resolve(responses['422'].content['application/problem+json'].schema);
    const [base, extra] = invalid.allOf as Schema[];
    expect(resolve(base!).required).toEqual(['type', 'title', 'status', 'detail']);
    expect(extra!.required).toEqual(['errors']);
    expect(resolve(extra!.properties.errors.items).required).toEqual(['index', 'id', 'errors']);
  });
});

describe('event schemas in the document', () => {
  it('lists exactly the event types of shared/events, one branch and one mapping each', () => {
    expect(schemaOf('EventType').enum).toEqual(EVENT_TYPES);
    const union = schemaOf('Event');
    expect(union.oneOf).toHaveLength(EVENT_TYPES.length);
    expect(Object.keys(union.discriminator.mapping)).toEqual(EVENT_TYPES);
    expect(union.discriminator.propertyName).toBe('type');
    for (const type of EVENT_TYPES) {
      const branch = resolve({ $ref: union.discriminator.mapping[type] });
      expect(branch.properties.type.const).toBe(type);
      expect(branch.required).toEqual(['id', 'type', 'occurred_at', 'data']);
      expect(resolve(branch.properties.data)).toBe(dataSchema(type));
    }
  });

  it('requires sale_id, rep_id and customer_id of sale.closed and gives amount the money oneOf', () => {
    const sale = dataSchema('sale.closed');
    expect(sale.required).toEqual(['sale_id', 'rep_id', 'customer_id']);
    // Optional money: null counts as absent.
    expect(sale.properties.amount.oneOf).toEqual([...MONEY_BRANCHES, { type: 'null' }]);
    expect(sale.properties.amount.description).toMatch(/4 decimal places/);
    // amount is required unless lines are given, and each line needs its amount.
    expect(sale.anyOf).toEqual([
      { required: ['amount'], properties: { amount: { not: { type: 'null' } } } },
      { required: ['lines'], properties: { lines: { type: 'array' } } },
    ]);
    const lines = sale.properties.lines.anyOf[0];
    expect(lines.minItems).toBe(1);
    expect(lines.items.required).toEqual(['amount']);
    expect(lines.items.properties.amount.oneOf).toEqual(MONEY_BRANCHES);
  });

  it('marks required money fields required and without null', () => {
    for (const type of ['sale.refunded', 'market.sized'] as const) {
      expect(dataSchema(type).required).toContain('amount');
      expect(dataSchema(type).properties.amount.oneOf).toEqual(MONEY_BRANCHES);
    }
  });

  it('requires exactly the data fields validateEvent reports missing from empty data', () => {
    for (const type of EVENT_TYPES) {
      const result = validateEvent(event(type, {}), CONTEXT);
      const missing = result.ok ? [] : result.errors.map((e) => e.path.replace(/^data\./, ''));
      expect([...(dataSchema(type).required ?? [])].sort(), type).toEqual(missing.sort());
    }
  });

  it('names every field of the fixture events among its type’s properties, with every required one present', () => {
    for (const raw of FIXTURE_EVENTS) {
      expect(isValid(raw), raw.id).toBe(true);
      const schema = dataSchema(raw.type as EventType);
      expect(Object.keys(schema.properties), raw.id).toEqual(expect.arrayContaining(Object.keys(raw.data)));
      expect(Object.keys(raw.data), raw.id).toEqual(expect.arrayContaining(schema.required ?? []));
    }
  });

  it('agrees with validateEvent on money strings: at most 4 decimals, digits only', () => {
    const pattern = new RegExp(dataSchema('sale.refunded').properties.amount.oneOf[1].pattern);
    for (const [amount, valid] of [['12', true], ['12.3456', true], ['0.5', true], ['12.34567', false], ['-1', false], ['1e3', false], ['1,5', false], ['', false]] as const) {
      expect(pattern.test(amount), amount).toBe(valid);
      expect(isValid(event('sale.refunded', { sale_id: 's1', amount })), amount).toBe(valid);
    }
  });

  it('agrees with validateEvent on money numbers: from 0 to 1e12', () => {
    const { minimum, maximum } = dataSchema('sale.refunded').properties.amount.oneOf[0];
    for (const amount of [0, 12.5, 1e12, -0.01, 1e12 + 1]) {
      const inRange = amount >= minimum && amount <= maximum;
      expect(isValid(event('sale.refunded', { sale_id: 's1', amount })), String(amount)).toBe(inRange);
    }
  });

  it('agrees with validateEvent on envelope ids and occurred_at', () => {
    const envelope = schemaOf('SaleClosedEvent').properties;
    const idPattern = new RegExp(envelope.id.pattern);
    for (const id of ['evt_1', 'a.b:c-d_e', 'x'.repeat(128), 'x'.repeat(129), 'has space', 'é', '']) {
      expect(isValid(makeSale({ id })), id).toBe(idPattern.test(id));
    }
    expect(envelope.occurred_at.format).toBe('date-time');
    const instant = new RegExp(envelope.occurred_at.pattern);
    for (const occurred_at of ['2026-11-20T09:30:00+08:00', '2026-11-20T09:30:00.5Z', '2026-11-20T09:30:00', '2026-11-20', '2026-02-30T00:00:00Z']) {
      expect(isValid(makeSale({ id: 'e1', occurred_at })), occurred_at).toBe(instant.test(occurred_at));
    }
  });

  it('agrees with validateEvent on an unknown type and on enums', () => {
    expect(schemaOf('EventType').enum).not.toContain('sale.opened');
    expect(isValid(event('sale.opened', {}))).toBe(false);
    const kinds = dataSchema('customer.contacted').properties.kind.enum as string[];
    for (const kind of ['visit', 'demo', 'lunch']) {
      expect(isValid(event('customer.contacted', { customer_id: 'c', rep_id: 'r', kind })), kind).toBe(kinds.includes(kind));
    }
  });

  it('states the conditional rules of survey.responded and target.set the way validateEvent applies them', () => {
    const [scales] = dataSchema('survey.responded').allOf as Schema[];
    expect(scales!.then.properties.score).toEqual({ minimum: 1, maximum: 5 });
    expect(scales!.else.properties.score).toEqual({ minimum: 0, maximum: 10 });
    expect(isValid(event('survey.responded', { customer_id: 'c', scale: 'csat5', score: 6 }))).toBe(false);
    expect(isValid(event('survey.responded', { customer_id: 'c', scale: 'nps10', score: 6 }))).toBe(true);
    expect(isValid(event('survey.responded', { customer_id: 'c', scale: 'nps10', score: 0 }))).toBe(true);

    const [scopeRule, valueRule] = dataSchema('target.set').allOf as Schema[];
    expect(scopeRule!.else.required).toEqual(['scope_id']);
    expect(isValid(event('target.set', { scope: 'team', metric: 'orders', period: '2026', value: 3 }))).toBe(false);
    expect(isValid(event('target.set', { scope: 'company', metric: 'orders', period: '2026', value: 3 }))).toBe(true);
    expect(valueRule!.then.properties.value.oneOf).toEqual(MONEY_BRANCHES);
    expect(valueRule!.else.properties.value).toEqual({ type: 'integer', minimum: 0 });
    expect(isValid(event('target.set', { scope: 'company', metric: 'revenue', period: '2026', value: '10.5' }))).toBe(true);
    expect(isValid(event('target.set', { scope: 'company', metric: 'orders', period: '2026', value: '10.5' }))).toBe(false);
  });

  it('documents the batch as 1 to 1000 events', () => {
    const events = schemaOf('EventBatch').properties.events;
    expect([events.minItems, events.maxItems]).toEqual([1, 1000]);
    expect(resolve(events.items)).toBe(schemaOf('Event'));
  });
});

/** The response has exactly the schema's fields, each of a type the schema allows (null only where nullable). */
function expectShape(value: Record<string, unknown>, schema: Schema, label: string): void {
  expect(Object.keys(value).sort(), label).toEqual([...schema.required].sort());
  for (const [key, item] of Object.entries(value)) {
    const property = resolve(schema.properties[key]);
    const types = ([] as string[]).concat(property.type ?? []);
    if (types.length === 0) continue;
    const actual =
      item === null ? 'null' : Array.isArray(item) ? 'array' : typeof item === 'number' && Number.isInteger(item) && types.includes('integer') ? 'integer' : typeof item;
    expect(types, `${label}.${key} = ${JSON.stringify(item)}`).toContain(actual);
  }
}

const KPI_METRICS = [
  'revenue', 'refunds', 'net_revenue', 'cost', 'profit', 'margin', 'orders', 'average_order_value',
  'active_customers', 'new_customers', 'repeat_customer_rate', 'target_revenue', 'attainment', 'csat',
  'csat_satisfied_rate', 'nps', 'market_share', 'visits', 'complaints', 'complaint_resolution_hours_median',
  'win_rate', 'sales_cycle_days_median',
];
/** kpis.md: the metrics that are null when undefined (no target, no responses, ...). */
const NULLABLE_METRICS = [
  'margin', 'average_order_value', 'repeat_customer_rate', 'target_revenue', 'attainment', 'csat', 'csat_satisfied_rate',
  'nps', 'market_share', 'complaint_resolution_hours_median', 'win_rate', 'sales_cycle_days_median',
];

describe('read schemas in the document', () => {
  it('gives the KPI row every metric of kpis.md, nullable exactly where kpis.md allows null', () => {
    const row = schemaOf('KpiRow');
    expect(row.required).toEqual(['scope', 'id', 'grain', 'period', ...KPI_METRICS]);
    for (const metric of KPI_METRICS) {
      expect(row.properties[metric].type.includes('null'), metric).toBe(NULLABLE_METRICS.includes(metric));
    }
    const kpis = doc.paths['/v1/kpis'].get;
    expect(kpis.parameters.map((p: Schema) => [p.name, p.required])).toEqual([
      ['scope', true], ['grain', true], ['id', false], ['from', false], ['to', false],
    ]);
    const kpisBody = resolve(kpis.responses['200'].content['application/json'].schema);
    expect(kpisBody.properties.as_of.type).toEqual(['string', 'null']);
    expect(resolve(kpisBody.properties.rows.items)).toBe(row);
    expect(resolve(doc.paths['/v1/snapshot'].get.responses['200'].content['application/json'].schema)).toBe(schemaOf('Snapshot'));
  });

  describe('against real responses', () => {
    beforeAll(async () => {
      expect((await postEvents({ events: FIXTURE_EVENTS })).status).toBe(200);
      expect((await recompute()).status).toBe(200);
    });

    it('matches the rows of GET /v1/kpis for every scope and grain', async () => {
      let rows = 0;
      for (const scope of ['company', 'team', 'rep']) {
        for (const grain of ['day', 'week', 'month', 'quarter', 'year']) {
          const body = (await (await read(`/v1/kpis?scope=${scope}&grain=${grain}`)).json()) as { rows: Record<string, unknown>[] };
          expectShape(body, schemaOf('KpisResponse'), `kpis ${scope} ${grain}`);
          for (const row of body.rows) expectShape(row, schemaOf('KpiRow'), `${scope} ${grain} ${String(row.period)}`);
          rows += body.rows.length;
        }
      }
      expect(rows).toBeGreaterThan(20);
    });

    it('matches GET /v1/snapshot, its sections and their rows', async () => {
      const snapshot = (await (await read('/v1/snapshot')).json()) as Record<string, any>;
      expectShape(snapshot, schemaOf('Snapshot'), 'snapshot');
      expectShape(snapshot.data_quality, schemaOf('DataQuality'), 'data_quality');
      const sections: [string, string][] = [
        ['teams', 'SnapshotTeam'], ['reps', 'SnapshotRep'], ['kpis', 'KpiRow'], ['markets', 'MarketShareRow'],
        ['targets', 'TargetVersionRow'], ['pacing', 'PacingRow'],
      ];
      for (const [section, name] of sections) {
        for (const [i, row] of (snapshot[section] as Record<string, unknown>[]).entries()) expectShape(row, schemaOf(name), `${section}[${i}]`);
      }
      expect(snapshot.data_quality.orphan_refunds.length).toBeGreaterThan(0);
      for (const row of snapshot.data_quality.orphan_refunds) expectShape(row, schemaOf('OrphanRefund'), 'orphan_refunds');
      expect(new RegExp(schemaOf('Snapshot').properties.content_hash.pattern).test(snapshot.content_hash)).toBe(true);
    });

    it('matches the recompute result and the problems the Worker answers', async () => {
      expectShape((await (await recompute()).json()) as Record<string, unknown>, schemaOf('RecomputeResult'), 'recompute');

      const invalid = await postEvents(makeSale({ id: 'bad_1', data: { amount: '1.23456' } }));
      expect(invalid.status).toBe(422);
      expect(invalid.headers.get('content-type')).toBe('application/problem+json');
      const body = (await invalid.json()) as { errors: Record<string, unknown>[] };
      expect(Object.keys(body)).toEqual(expect.arrayContaining(schemaOf('Problem').required));
      expectShape(body.errors[0]!, schemaOf('InvalidEvent'), 'errors[0]');

      const unauthorized = await read('/v1/kpis?scope=company&grain=month', 'wrong');
      expect(unauthorized.status).toBe(401);
      expect(Object.keys(await unauthorized.json())).toEqual(expect.arrayContaining(schemaOf('Problem').required));
    });
  });
});

/**
 * Where a value breaks a schema of the document, as messages (empty: it conforms). Handles what
 * the document uses: $ref, oneOf, allOf, type, enum, const, pattern, bounds, formats, required,
 * properties, additionalProperties and items. With `closed`, an object may hold no field its
 * schema does not name: the read schemas list every field, so a field added on one side only fails.
 */
function violations(value: unknown, raw: Schema, path: string, closed = true): string[] {
  const schema = resolve(raw);
  const out: string[] = [];
  if (schema.oneOf) {
    const fits = (schema.oneOf as Schema[]).filter((branch) => violations(value, branch, path, closed).length === 0).length;
    if (fits !== 1) out.push(`${path}: fits ${fits} branches of oneOf, not 1: ${JSON.stringify(value)?.slice(0, 200)}`);
  }
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) out.push(...violations(value, part, path, false));
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type);
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const ok = types.some((t) => (t === 'integer' ? Number.isInteger(value) : t === actual));
    if (!ok) return [...out, `${path}: ${JSON.stringify(value)?.slice(0, 200)} is not ${types.join(' | ')}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) out.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && value !== schema.const) out.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) out.push(`${path}: "${value}" does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) out.push(`${path}: "${value}" is not a date-time`);
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) out.push(`${path}: "${value}" is not a date`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: ${value} > ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) out.push(`${path}: ${value} <= ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((item, i) => out.push(...violations(item, schema.items, `${path}[${i}]`, closed)));
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in record)) out.push(`${path}.${key}: required but missing`);
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [key, item] of Object.entries(record)) {
      if (properties[key]) out.push(...violations(item, properties[key], `${path}.${key}`, closed));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.push(...violations(item, schema.additionalProperties, `${path}.${key}`, closed));
      else if (schema.additionalProperties === false || (closed && schema.properties)) out.push(`${path}.${key}: not in the schema`);
    }
  }
  return out;
}

describe('appraisal schemas in the document', () => {
  const LOCK = '/v1/admin/periods/{period}/lock';
  const UNLOCK = '/v1/admin/periods/{period}/unlock';

  it('documents GET /v1/appraisals: period required, rep optional, the response and its problems', () => {
    const get = doc.paths['/v1/appraisals'].get;
    expect(get.parameters.map((p: Schema) => [p.name, p.in, p.required])).toEqual([['period', 'query', true], ['rep', 'query', false]]);
    expect(Object.keys(get.responses).sort()).toEqual(['200', '400', '401', '404', '500']);
    expect(resolve(get.responses['200'].content['application/json'].schema)).toBe(schemaOf('AppraisalsResponse'));
    expect(schemaOf('AppraisalsResponse').required).toEqual(['as_of', 'snapshot_id', 'currency', 'period', 'scheme', 'status', 'locked', 'rows']);
    expect(resolve(schemaOf('AppraisalsResponse').properties.rows.items)).toBe(schemaOf('AppraisalRow'));
    expect(resolve(get.responses['400'].content['application/problem+json'].schema)).toBe(schemaOf('BadParameterProblem'));
    for (const code of ['400', '401', '404', '500']) expect(Object.keys(resolve(get.responses[code]).content), code).toEqual(['application/problem+json']);
  });

  it('documents lock and unlock: the period in the path, the bodies from the zod schemas, every answer', () => {
    for (const path of [LOCK, UNLOCK]) {
      const parameters = (doc.paths[path].post.parameters as Schema[]).map(resolve);
      expect(parameters.map((p) => [p.name, p.in, p.required])).toEqual([['period', 'path', true]]);
    }
    const lock = doc.paths[LOCK].post;
    const unlock = doc.paths[UNLOCK].post;
    expect(Object.keys(lock.responses).sort()).toEqual(['200', '400', '401', '404', '409', '422', '500']);
    expect(Object.keys(unlock.responses).sort()).toEqual(['200', '400', '401', '409', '422', '500']);
    expect(lock.requestBody.required).toBe(false);
    expect(unlock.requestBody.required).toBe(true);
    const lockBody = resolve(lock.requestBody.content['application/json'].schema);
    const unlockBody = resolve(unlock.requestBody.content['application/json'].schema);
    expect(lockBody.required ?? []).toEqual([]);
    expect(unlockBody.required).toEqual(['reason']);
    for (const body of [lockBody, unlockBody]) {
      expect(body.additionalProperties).toBe(false);
      expect(Object.keys(body.properties).sort()).toEqual(['by', 'reason']);
      expect(body.properties.reason).toMatchObject({ type: 'string', minLength: 1 });
    }
    for (const operation of [lock, unlock]) {
      const invalid = resolve(operation.responses['422'].content['application/problem+json'].schema);
      expect(invalid).toBe(schemaOf('InvalidBodyProblem'));
      expect(invalid.allOf[1].required).toEqual(['errors']);
      expect(resolve(invalid.allOf[1].properties.errors.items).required).toEqual(['path', 'message']);
    }
    expect(resolve(lock.responses['200'].content['application/json'].schema)).toBe(schemaOf('LockResult'));
    expect(resolve(unlock.responses['200'].content['application/json'].schema)).toBe(schemaOf('UnlockResult'));
  });

  it('gives the snapshot an appraisal section whose every object names every field', () => {
    expect(resolve(schemaOf('Snapshot').properties.appraisals)).toBe(schemaOf('AppraisalSection'));
    expect(schemaOf('AppraisalSection').required).toEqual(['policy_version', 'policy', 'periods', 'feedback', 'lock_audit']);
    expect(schemaOf('AppraisalRow').required).toEqual(['rep_id', 'team_id', 'score', 'band', 'consequence', 'rank_in_team', 'renormalised', 'components', 'commission']);
    expect(schemaOf('AppraisalComponent').properties.status.enum).toEqual(['scored', 'no_data', 'no_target', 'zero_target']);
    expect(schemaOf('AppraisalPeriod').properties.status.enum).toEqual(['running', 'closed', 'locked']);
    expect(schemaOf('CommissionStatement').required).toEqual([
      'plan', 'target', 'base', 'attainment', 'earned', 'clawback', 'adjustment', 'payable', 'tiers', 'sales', 'refunds', 'clawbacks', 'adjustments',
    ]);
  });

  it('states the appraisal period pattern the Worker applies', async () => {
    const pattern = new RegExp(resolve(doc.paths['/v1/appraisals'].get.parameters[0]).schema.pattern);
    expect(resolve(doc.components.parameters.AppraisalPeriodPath).schema.pattern).toBe(pattern.source);
    for (const period of ['2026', '2026-Q1', '2026-Q4', '2026-Q5', '2026-Q0', '2026-03', '26-Q1', '2026-q1', '2026-Q1x']) {
      const response = await read(`/v1/appraisals?period=${encodeURIComponent(period)}`);
      // Before any snapshot: a good label is a 404 (no snapshot), a bad one a 400.
      expect(response.status === 400, period).toBe(!pattern.test(period));
    }
  });

  describe('against real responses', () => {
    const admin = (path: string, body?: unknown) =>
      SELF.fetch(`${BASE}/v1/admin${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const ev = (id: string, type: string, occurred_at: string, data: Record<string, unknown>) => ({ id, type, occurred_at, data });
    let lockResult: Record<string, unknown>;
    let section: Record<string, any>;

    beforeAll(async () => {
      // On top of the fixture company (already posted above): a 2026-Q2 refund of rep_b's Q1
      // sale S3 (a clawback line), and anonymous feedback (one group shown, one hidden).
      const extra = [
        ev('oa_f3', 'sale.refunded', '2026-04-10T12:00:00Z', { sale_id: 'S3', amount: 100 }),
        ...[5, 4, 3, 4, 5].map((score, i) => ev(`oa_fb${i}`, 'feedback.submitted', '2026-02-01T00:00:00Z', { topic: 'coaching', team_id: 't_north', score })),
        ev('oa_fb9', 'feedback.submitted', '2026-02-01T00:00:00Z', { topic: 'coaching', team_id: 't_south', score: 2 }),
      ];
      expect((await postEvents({ events: extra })).status).toBe(200);
      expect((await recompute()).status).toBe(200);
      // Lock 2026-Q1, then a late sale in it: an adjustment line in 2026-Q2.
      const locked = await admin('/periods/2026-Q1/lock', { by: 'hr', reason: 'payroll' });
      expect(locked.status).toBe(200);
      lockResult = (await locked.json()) as Record<string, unknown>;
      expect((await postEvents(makeSale({ id: 'oa_late', occurred_at: '2026-03-01T00:00:00Z', data: { customer_id: 'cust_late' } }))).status).toBe(200);
      expect((await recompute()).status).toBe(200);
      section = ((await (await read('/v1/snapshot')).json()) as Record<string, any>).appraisals;
    });

    it('matches the snapshot’s appraisal section, which holds every kind of line', () => {
      expect(violations(section, schemaOf('AppraisalSection'), 'appraisals')).toEqual([]);
      // So that the check above saw every kind of object the schemas describe:
      const periods = section.periods as Record<string, any>[];
      const rows = periods.flatMap((p) => p.rows as Record<string, any>[]);
      const statements = rows.map((r) => r.commission);
      expect(periods.map((p) => p.status)).toEqual(expect.arrayContaining(['locked', 'closed']));
      expect(statements.some((s) => s.tiers.length > 0 && s.sales.length > 0)).toBe(true);
      expect(statements.some((s) => s.refunds.length > 0)).toBe(true);
      expect(statements.some((s) => s.clawbacks.length > 0)).toBe(true);
      expect(statements.some((s) => s.adjustments.length > 0)).toBe(true);
      expect(rows.some((r) => r.consequence !== null) && rows.some((r) => r.renormalised)).toBe(true);
      expect(rows.flatMap((r) => r.components).some((c: Record<string, unknown>) => c.status !== 'scored')).toBe(true);
      expect(periods.some((p) => p.calibration.length > 1)).toBe(true);
      expect(section.feedback.groups.length).toBeGreaterThan(0);
      expect(section.feedback.hidden.length).toBeGreaterThan(0);
      expect(section.lock_audit).toHaveLength(1);
    });

    it('matches GET /v1/appraisals, whole and for one rep, and the lock result', async () => {
      for (const query of ['period=2026-Q1', 'period=2026-Q2', 'period=2026', 'period=2026-Q2&rep=rep_b']) {
        const response = await read(`/v1/appraisals?${query}`);
        expect(response.status, query).toBe(200);
        const body = (await response.json()) as Record<string, any>;
        expect(violations(body, schemaOf('AppraisalsResponse'), query)).toEqual([]);
        expect(body.rows.length, query).toBeGreaterThan(0);
      }
      expect(violations(lockResult, schemaOf('LockResult'), 'lock')).toEqual([]);
    });

    it('matches GET /v1/forecasts and its problems', async () => {
      const response = await read('/v1/forecasts?scope=company&grain=week&horizon=4');
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, any>;
      expect(violations(body, schemaOf('ForecastsResponse'), 'forecasts')).toEqual([]);
      expect(body.rows).toHaveLength(4);
      const bad = await read('/v1/forecasts?scope=company&grain=week&horizon=0');
      expect(bad.status).toBe(400);
      expect(violations(await bad.json(), schemaOf('BadParameterProblem'), 'forecasts 400', false)).toEqual([]);
    });

    it('matches the unlock result and the problems of the appraisal routes', async () => {
      const problems: [Promise<Response>, number, string][] = [
        [read('/v1/appraisals?period=2026-Q9'), 400, 'BadParameterProblem'],
        [read('/v1/appraisals?period=2019-Q1'), 404, 'Problem'],
        [read('/v1/appraisals?period=2026-Q1&rep=nobody'), 404, 'Problem'],
        [admin('/periods/2026-Q1/lock'), 409, 'Problem'],
        [admin('/periods/2019-Q1/lock'), 404, 'Problem'],
        [admin('/periods/2026-Q1/lock', { when: 'now' }), 422, 'InvalidBodyProblem'],
        [admin('/periods/2026-Q1/unlock', {}), 422, 'InvalidBodyProblem'],
        [admin('/periods/2026-Q2/unlock', { reason: 'never locked' }), 409, 'Problem'],
        [admin('/periods/2026-W01/unlock', { reason: 'x' }), 400, 'Problem'],
      ];
      for (const [pending, status, schema] of problems) {
        const response = await pending;
        expect(response.status).toBe(status);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        const body = await response.json();
        expect(violations(body, schemaOf(schema), `${status} ${schema}`, false)).toEqual([]);
      }
      const unlocked = await admin('/periods/2026-Q1/unlock', { reason: 'late sale', by: 'hr' });
      expect(unlocked.status).toBe(200);
      expect(violations(await unlocked.json(), schemaOf('UnlockResult'), 'unlock')).toEqual([]);
      const audit = ((await (await read('/v1/snapshot')).json()) as Record<string, any>).appraisals.lock_audit;
      expect(violations(audit, { type: 'array', items: { $ref: '#/components/schemas/LockAuditEntry' } }, 'lock_audit')).toEqual([]);
      expect(audit.map((a: Record<string, unknown>) => a.action)).toEqual(['lock', 'unlock']);
    });

    it('matches the snapshot’s customer section', async () => {
      const customers = ((await (await read('/v1/snapshot')).json()) as Record<string, any>).customers;
      expect(customers.rows.length).toBeGreaterThan(0);
      expect(customers.cohorts.length).toBeGreaterThan(0);
      expect(violations(customers, schemaOf('Snapshot').properties.customers, 'customers')).toEqual([]);
    });

    it('matches the snapshot’s sales-process lists, with and without the optional parts', async () => {
      const events = [
        ev('oa_o1', 'opportunity.opened', '2026-03-01T00:00:00Z', { opportunity_id: 'oa_opp1', rep_id: 'rep_a', customer_id: 'cust_1', amount: '1200.5' }),
        ev('oa_o2', 'opportunity.closed', '2026-03-11T12:00:00Z', { opportunity_id: 'oa_opp1', outcome: 'won' }),
        ev('oa_o3', 'opportunity.closed', '2026-03-12T00:00:00Z', { opportunity_id: 'oa_opp2', outcome: 'won' }),
        ev('oa_t1', 'ticket.opened', '2026-03-02T00:00:00Z', { ticket_id: 'oa_t1', customer_id: 'cust_1', kind: 'complaint', rep_id: 'rep_a' }),
        ev('oa_t2', 'ticket.resolved', '2026-03-03T06:00:00Z', { ticket_id: 'oa_t1' }),
        ev('oa_t3', 'ticket.opened', '2026-03-04T00:00:00Z', { ticket_id: 'oa_t2', customer_id: 'cust_2', kind: 'complaint' }),
      ];
      expect((await postEvents({ events })).status).toBe(200);
      expect((await recompute()).status).toBe(200);
      const lists = ((await (await read('/v1/snapshot')).json()) as Record<string, any>).sales_process;
      expect(violations(lists, schemaOf('Snapshot').properties.sales_process, 'sales_process')).toEqual([]);
      const win = (id: string) => lists.wins.find((w: Record<string, unknown>) => w.opportunity_id === id);
      expect(win('oa_opp1')).toMatchObject({ rep_id: 'rep_a', customer_id: 'cust_1', amount: 1200.5, cycle_days: 10.5 });
      expect(win('oa_opp2')).toMatchObject({ rep_id: null, team_id: null, amount: null, opened_at: null, cycle_days: null });
      const complaint = (id: string) => lists.complaints.find((c: Record<string, unknown>) => c.ticket_id === id);
      expect(complaint('oa_t1')).toMatchObject({ resolved_day: '2026-03-03', resolution_hours: 30 });
      expect(complaint('oa_t2')).toMatchObject({ rep_id: null, resolved_at: null, resolution_hours: null });
    });

    it('would catch a field the schemas do not name, a wrong type and a null where none is allowed', () => {
      const row = section.periods.flatMap((p: Record<string, any>) => p.rows)[0];
      expect(violations({ ...row, extra: 1 }, schemaOf('AppraisalRow'), 'row')).toEqual(['row.extra: not in the schema']);
      expect(violations({ ...row, renormalised: 'no' }, schemaOf('AppraisalRow'), 'row')).toEqual(['row.renormalised: "no" is not boolean']);
      expect(violations({ ...row.commission, earned: null }, schemaOf('CommissionStatement'), 'c')).toEqual(['c.earned: null is not number']);
      const { band: _band, ...withoutBand } = row;
      expect(violations(withoutBand, schemaOf('AppraisalRow'), 'row')).toEqual(['row.band: required but missing']);
    });
  });
});
