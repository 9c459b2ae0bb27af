/**
 * A lease in D1: at most one holder at a time, expiring on its own if the holder dies.
 * Acquiring is one conditional upsert (atomic in SQLite), so two racing callers cannot both win.
 */

export async function acquireLease(db: D1Database, name: string, holder: string, nowMs: number, ttlMs: number): Promise<boolean> {
  await db
    .prepare(
      `INSERT INTO leases (name, holder, expires_ms) VALUES (?1, ?2, ?3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms
       WHERE leases.expires_ms <= ?4`,
    )
    .bind(name, holder, nowMs + ttlMs, nowMs)
    .run();
  const row = await db.prepare('SELECT holder FROM leases WHERE name = ?1').bind(name).first<{ holder: string }>();
  return row?.holder === holder;
}

export async function releaseLease(db: D1Database, name: string, holder: string): Promise<void> {
  await db.prepare('DELETE FROM leases WHERE name = ?1 AND holder = ?2').bind(name, holder).run();
}
