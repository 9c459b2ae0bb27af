/** Admin calls (bearer ADMIN_TOKEN). */
import { Hono } from 'hono';
import { requireBearer } from '../auth/bearer.ts';
import type { Env } from '../env.ts';
import { runRecompute } from '../recompute/run-recompute.ts';
import { ProblemError } from '../problem.ts';

export const adminRoutes = new Hono<{ Bindings: Env }>();
adminRoutes.use('*', requireBearer('ADMIN_TOKEN'));

// ?full=true rebuilds the sales side from every stored fact instead of only what changed.
adminRoutes.post('/recompute', async (c) => {
  const result = await runRecompute(c.env, { full: c.req.query('full') === 'true' });
  if (!result) {
    throw new ProblemError(409, 'Recompute in progress', 'another recompute is running; retry shortly', 'recompute-in-progress', {}, { 'retry-after': '5' });
  }
  const { snapshot_id, as_of, duration_ms } = result;
  return c.json({ snapshot_id, as_of, duration_ms });
});
