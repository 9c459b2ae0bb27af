/** The Worker's HTTP routes (api.md). */
import { Hono } from 'hono';
import type { Env } from './env.ts';
import { openApiDocument } from './openapi/document.ts';
import { ProblemError, problemResponse } from './problem.ts';
import { adminRoutes } from './routes/admin.ts';
import { eventsRoutes } from './routes/events.ts';
import { forecastRoutes } from './routes/forecasts.ts';
import { readRoutes } from './routes/read.ts';

export const app = new Hono<{ Bindings: Env }>();

app.get('/v1/health', (c) => c.json({ ok: true }));
// Before the /v1 read routes, whose bearer check would otherwise run first: the document is public.
app.get('/v1/openapi.json', (c) => c.json(openApiDocument()));
app.route('/v1/events', eventsRoutes);
app.route('/v1/admin', adminRoutes);
app.route('/v1/forecasts', forecastRoutes);
app.route('/v1', readRoutes);

app.notFound((c) => problemResponse(new ProblemError(404, 'Not found', `no route for ${c.req.method} ${c.req.path}`, 'not-found')));

app.onError((error, c) => {
  if (error instanceof ProblemError) return problemResponse(error, c.req.path);
  console.error('unhandled error', c.req.method, c.req.path, error);
  return problemResponse(new ProblemError(500, 'Internal error', 'the request failed and nothing was stored; retrying is safe', 'internal-error'), c.req.path);
});
