/**
 * The recompute's own state between runs (`engine_state`, one text per key): the sales engine's
 * watermarks, zone and team history (worker/recompute/sales-sql.ts), and the snapshot the next
 * run takes parts over from (reuse-base.ts).
 */

/** Sets one key (inserted or replaced). */
export function engineStateStatement(db: D1Database, key: string, value: string): D1PreparedStatement {
  return db.prepare('INSERT INTO engine_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value').bind(key, value);
}
