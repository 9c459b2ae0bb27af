/** Admin calls (bearer ADMIN_TOKEN). */
import { Hono } from 'hono';
import { requireBearer } from '../auth/bearer.ts';
import type { Env } from '../env.ts';
import { runRecompute } from '../recompute/run-recompute.ts';

export const adminRoutes = new Hono<{ Bindings: Env }>();
adminRoutes.use('*', requireBearer('ADMIN_TOKEN'));

adminRoutes.post('/recompute', async (c) => {
  const { snapshot_id, as_of, duration_ms } = await runRecompute(c.env);
  return c.json({ snapshot_id, as_of, duration_ms });
});
