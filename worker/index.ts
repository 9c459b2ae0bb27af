/** Worker entry: HTTP routes, and the cron that recomputes the snapshot. */
import { app } from './app.ts';
import type { Env } from './env.ts';
import { runRecompute } from './recompute/run-recompute.ts';

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      runRecompute(env).then((result) =>
        console.log('recompute', result ? JSON.stringify(result) : 'skipped: another recompute holds the lease'),
      ),
    );
  },
} satisfies ExportedHandler<Env>;
