/** Admin calls (bearer ADMIN_TOKEN): recompute, and locking appraisal periods. */
import { Hono } from 'hono';
import { z } from 'zod';
import { issuesToErrors, plainMessages } from '../../shared/events/validate.ts';
import { requireBearer } from '../auth/bearer.ts';
import { lockPeriod, readAppraisalPeriods, unlockPeriod } from '../db/appraisals.ts';
import { latestSnapshot } from '../db/snapshots.ts';
import { orgSettings, type Env } from '../env.ts';
import { APPRAISAL_PERIOD_PATTERN, periodLabels } from '../../shared/period.ts';
import { runRecompute } from '../recompute/run-recompute.ts';
import { ProblemError } from '../problem.ts';

export const adminRoutes = new Hono<{ Bindings: Env }>();
adminRoutes.use('*', requireBearer('ADMIN_TOKEN'));

function busy(): ProblemError {
  return new ProblemError(409, 'Recompute in progress', 'another recompute is running; retry shortly', 'recompute-in-progress', {}, { 'retry-after': '5' });
}

// ?full=true rebuilds the sales side from every stored fact instead of only what changed.
adminRoutes.post('/recompute', async (c) => {
  const result = await runRecompute(c.env, { full: c.req.query('full') === 'true' });
  if (!result) throw busy();
  const { snapshot_id, as_of, duration_ms } = result;
  return c.json({ snapshot_id, as_of, duration_ms });
});

const text = (max: number) => z.string().trim().min(1).max(max);
/** Body of POST /v1/admin/periods/:period/lock (optional; also documented from this schema). */
export const lockBody = z
  .object({
    by: text(200).optional().describe('Who locks the period (kept in the audit).'),
    reason: text(2000).optional().describe('Why (kept in the audit).'),
  })
  .strict();
/** Body of POST /v1/admin/periods/:period/unlock: a reason is required. */
export const unlockBody = z
  .object({
    by: text(200).optional().describe('Who unlocks the period (kept in the audit).'),
    reason: text(2000).describe('Why the period is released (required; kept in the audit).'),
  })
  .strict();

/** 200 of POST /v1/admin/periods/:period/lock. */
export interface LockResult {
  period: string;
  locked: true;
  locked_at: string;
  /** The snapshot whose figures were frozen. */
  frozen_from: string;
  /** The snapshot written by the recompute that followed (null when another recompute held the lease). */
  snapshot_id: string | null;
}

/** 200 of POST /v1/admin/periods/:period/unlock. */
export interface UnlockResult {
  period: string;
  locked: false;
  unlocked_at: string;
  snapshot_id: string | null;
}

/** The JSON body (empty allowed when nothing is required), or a 400/422 naming the field. */
async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const raw = await request.text();
  let value: unknown = {};
  if (raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ProblemError(400, 'Bad request', 'the body is not valid JSON', 'bad-request');
    }
  }
  const parsed = schema.safeParse(value, { error: plainMessages });
  if (!parsed.success) {
    const errors = issuesToErrors(parsed.error.issues);
    const detail = errors.map((e) => `${e.path || 'body'}: ${e.message}`).join('; ');
    throw new ProblemError(422, 'Invalid body', detail, 'invalid-body', { errors });
  }
  return parsed.data;
}

function periodParam(period: string): string {
  if (!APPRAISAL_PERIOD_PATTERN.test(period)) {
    throw new ProblemError(400, 'Bad request', `period must be a quarter (2026-Q3) or a year (2026), got "${period}"`, 'bad-request', { parameter: 'period' });
  }
  return period;
}

/**
 * Freezes a period that has ended (by the clock, in ORG_TIMEZONE) with its appraisals and
 * commissions as the latest snapshot shows them, then recomputes so the published snapshot says so. Later events for the period become adjustment
 * lines in the next open quarter.
 */
adminRoutes.post('/periods/:period/lock', async (c) => {
  const period = periodParam(c.req.param('period'));
  const body = await readBody(c.req.raw, lockBody);
  const snapshot = await latestSnapshot(c.env.DB);
  if (!snapshot) throw new ProblemError(409, 'Nothing to lock', 'no snapshot yet: run a recompute first', 'no-snapshot');
  const [part] = await readAppraisalPeriods(c.env.DB, snapshot.partsId, { period });
  if (!part) throw new ProblemError(404, 'Not found', `snapshot ${snapshot.snapshotId} has no appraisal for period ${period}`, 'not-found', { period });
  const status = (JSON.parse(part.headJson) as { status: string }).status;
  if (status === 'locked') throw new ProblemError(409, 'Already locked', `period ${period} is already locked`, 'period-locked', { period });
  // Ended by the clock, not by the snapshot's as_of: a quarter with no events after its end is
  // still over (the frozen figures are the snapshot's; later events become adjustments).
  const nowMs = Date.now();
  const current = periodLabels(nowMs, orgSettings(c.env).timezone);
  if (period >= (period.length === 4 ? current.year : current.quarter)) {
    throw new ProblemError(409, 'Period not ended', `period ${period} has not ended yet (it is ${current.quarter} in ${orgSettings(c.env).timezone}); lock it once it has`, 'period-running', { period });
  }
  const lockedAt = new Date(nowMs).toISOString();
  const locked = await lockPeriod(c.env.DB, {
    period,
    lockedAt,
    snapshotId: snapshot.snapshotId,
    frozen: part,
    by: body.by ?? null,
    reason: body.reason ?? null,
  });
  if (!locked) throw new ProblemError(409, 'Already locked', `period ${period} is already locked`, 'period-locked', { period });
  const result = await runRecompute(c.env);
  return c.json({ period, locked: true, locked_at: lockedAt, frozen_from: snapshot.snapshotId, snapshot_id: result?.snapshot_id ?? null } satisfies LockResult);
});

/** Releases a locked period (a reason is required; both the lock and the unlock stay in the audit). */
adminRoutes.post('/periods/:period/unlock', async (c) => {
  const period = periodParam(c.req.param('period'));
  const body = await readBody(c.req.raw, unlockBody);
  const at = new Date().toISOString();
  if (!(await unlockPeriod(c.env.DB, period, at, body.by ?? null, body.reason))) {
    throw new ProblemError(409, 'Not locked', `period ${period} is not locked`, 'period-not-locked', { period });
  }
  const result = await runRecompute(c.env);
  return c.json({ period, locked: false, unlocked_at: at, snapshot_id: result?.snapshot_id ?? null } satisfies UnlockResult);
});
