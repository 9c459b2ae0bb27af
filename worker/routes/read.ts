/** The read API (bearer READ_TOKEN): `GET /v1/kpis` and `GET /v1/snapshot`. */
import { Hono } from 'hono';
import { parseJsonExact } from '../../shared/json/exact-number.ts';
import { toExactJson } from '../../shared/kpi/series.ts';
import { APPRAISAL_PERIOD_PATTERN, grainOfLabel } from '../../shared/period.ts';
import { GRAINS, SCOPES, type AppraisalPeriod, type AppraisalRow, type Grain, type Scope } from '../../shared/snapshot.ts';
import { requireBearer } from '../auth/bearer.ts';
import { latestSnapshot, readSeries, snapshotById } from '../db/snapshots.ts';
import { snapshotDocument } from '../db/snapshot-document.ts';
import { textStream } from '../text-stream.ts';
import { readAppraisalPeriods } from '../db/appraisals.ts';
import { orgSettings, type Env } from '../env.ts';
import { badParameter, ProblemError } from '../problem.ts';

export const readRoutes = new Hono<{ Bindings: Env }>();
readRoutes.use('*', requireBearer('READ_TOKEN'));

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function json(text: string): Response {
  return new Response(text, { headers: JSON_TYPE });
}

readRoutes.get('/kpis', async (c) => {
  const scope = c.req.query('scope');
  const grain = c.req.query('grain');
  const id = c.req.query('id');
  const from = c.req.query('from');
  const to = c.req.query('to');
  if (!scope || !SCOPES.includes(scope as Scope)) throw badParameter('scope', `is required: one of ${SCOPES.join(', ')}`);
  if (!grain || !GRAINS.includes(grain as Grain)) throw badParameter('grain', `is required: one of ${GRAINS.join(', ')}`);
  for (const [name, label] of [['from', from], ['to', to]] as const) {
    if (label !== undefined && grainOfLabel(label) !== grain) {
      throw badParameter(name, `must be a ${grain} period label (e.g. ${exampleLabel(grain as Grain)}), got "${label}"`);
    }
  }
  const { timezone, currency } = orgSettings(c.env);
  const snapshot = await latestSnapshot(c.env.DB);
  if (!snapshot) {
    return c.json({ as_of: null, snapshot_id: null, currency, timezone, rows: [] });
  }
  const series = await readSeries(c.env.DB, snapshot.partsId, {
    scope,
    grain,
    ...(scope === 'company' ? { scopeId: '' } : id !== undefined ? { scopeId: id } : {}),
  });
  const rows = series
    .flatMap((s) => parseJsonExact(s.rowsJson) as { period: string }[])
    .filter((row) => (from === undefined || row.period >= from) && (to === undefined || row.period <= to));
  const body = { as_of: snapshot.asOf, snapshot_id: snapshot.snapshotId, currency: snapshot.currency, timezone: snapshot.timezone, rows };
  return json(toExactJson(body));
});

function exampleLabel(grain: Grain): string {
  return { day: '2026-11-20', week: '2026-W47', month: '2026-11', quarter: '2026-Q4', year: '2026' }[grain];
}

readRoutes.get('/snapshot', async (c) => {
  const requested = c.req.query('id');
  const snapshot = requested ? await snapshotById(c.env.DB, requested) : await latestSnapshot(c.env.DB);
  if (!snapshot) {
    throw requested
      ? new ProblemError(404, 'Not found', `no snapshot with id ${requested}`, 'not-found')
      : new ProblemError(404, 'Not found', 'no snapshot yet: run a recompute (cron or POST /v1/admin/recompute)', 'no-snapshot');
  }
  // Streamed page by page: a large company's snapshot is more than D1 returns at once or a Worker may hold.
  return new Response(textStream(snapshotDocument(c.env.DB, snapshot, snapshot)), { headers: JSON_TYPE });
});

/** 200 of GET /v1/appraisals: one period of the latest snapshot (rows spliced in as stored). */
export interface AppraisalsResponse {
  as_of: string;
  snapshot_id: string;
  currency: string;
  period: string;
  scheme: string;
  status: AppraisalPeriod['status'];
  locked: boolean;
  rows: AppraisalRow[];
}

// GET /v1/appraisals?period=P[&rep=ID]: one appraisal period of the latest snapshot.
readRoutes.get('/appraisals', async (c) => {
  const period = c.req.query('period');
  const rep = c.req.query('rep');
  if (!period) throw badParameter('period', 'is required: an appraisal period such as 2026-Q3 or 2026');
  if (!APPRAISAL_PERIOD_PATTERN.test(period)) throw badParameter('period', `must be a quarter (2026-Q3) or a year (2026), got "${period}"`);
  if (rep !== undefined && rep === '') throw badParameter('rep', 'must not be empty');
  const snapshot = await latestSnapshot(c.env.DB);
  if (!snapshot) throw new ProblemError(404, 'Not found', 'no snapshot yet: run a recompute (cron or POST /v1/admin/recompute)', 'no-snapshot');
  const [found] = await readAppraisalPeriods(c.env.DB, snapshot.partsId, { period, ...(rep !== undefined ? { repId: rep } : {}) });
  if (!found) throw new ProblemError(404, 'Not found', `no appraisal for period ${period} in snapshot ${snapshot.snapshotId}`, 'not-found', { period });
  if (rep !== undefined && found.rows.length === 0) {
    throw new ProblemError(404, 'Not found', `rep ${rep} has no appraisal for period ${period}`, 'not-found', { period, rep });
  }
  const head = JSON.parse(found.headJson) as Pick<AppraisalPeriod, 'scheme' | 'status'>;
  const rows = found.rows.map((r) => r.json).join(',');
  const start = JSON.stringify({
    as_of: snapshot.asOf,
    snapshot_id: snapshot.snapshotId,
    currency: snapshot.currency,
    period,
    scheme: head.scheme,
    status: head.status,
    locked: head.status === 'locked',
  } satisfies Omit<AppraisalsResponse, 'rows'>).slice(0, -1);
  return json(`${start},"rows":[${rows}]}`);
});
