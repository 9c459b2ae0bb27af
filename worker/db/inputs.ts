/**
 * A fingerprint of everything a snapshot's content is computed from: the stored events (append
 * only, so the last rowid moves with every insert), the rejection counters and conflicts (the
 * data-quality section), the lock audit (append only; every lock and unlock is audited), the
 * org settings, the appraisal policy and the snapshot schema. Equal fingerprints mean a
 * recompute would build the same content. The engine's own code is not in it: after a deploy
 * that changes how figures are computed, run `POST /v1/admin/recompute?full=true` (README).
 */
import { SNAPSHOT_SCHEMA } from '../../shared/snapshot.ts';
import { POLICY } from '../../shared/policy/policy.ts';
import type { OrgSettings } from '../env.ts';
import { sha256Hex } from '../sha256.ts';

export async function storedInputs(db: D1Database, settings: OrgSettings): Promise<string> {
  const [events, rejections, conflicts, audit] = await db.batch<Record<string, number | null>>([
    db.prepare('SELECT max(rowid) AS last FROM events'),
    db.prepare('SELECT count(*) AS rows, total(requests) AS requests, total(events) AS events FROM rejections'),
    db.prepare('SELECT count(*) AS rows, max(rowid) AS last FROM conflicts'),
    db.prepare('SELECT max(seq) AS last FROM period_lock_audit'),
  ]);
  const stored = [events, rejections, conflicts, audit].map((r) => r!.results[0]);
  return sha256Hex(JSON.stringify({ schema: SNAPSHOT_SCHEMA, policy: POLICY, settings, stored }));
}
