/** Bearer-token guards for the read API (READ_TOKEN) and admin calls (ADMIN_TOKEN). */
import { createMiddleware } from 'hono/factory';
import type { Env } from '../env.ts';
import { ProblemError } from '../problem.ts';

/** Constant-time string equality (the lengths may leak, the contents do not). */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Requires `Authorization: Bearer <env[tokenName]>`. An unset token locks the routes rather
 * than opening them.
 */
export function requireBearer(tokenName: 'READ_TOKEN' | 'ADMIN_TOKEN') {
  return createMiddleware<{ Bindings: Env }>(async (c, next) => {
    const expected = c.env[tokenName];
    const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!expected || !sameText(given, expected)) {
      throw new ProblemError(401, 'Unauthorized', `a valid bearer token (${tokenName}) is required`, 'unauthorized', {}, {
        'www-authenticate': 'Bearer realm="quotient"',
      });
    }
    await next();
  });
}
