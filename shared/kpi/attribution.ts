/**
 * Who a sale belongs to (kpis.md "Attribution"): the sale's final version (amendments: latest
 * `occurred_at` wins, ties to the greater event id), its rep, and its team — the sale's own
 * `team_id`, else the rep's team at the sale's `occurred_at` from `rep.upserted` history.
 */
import { compareCodePoints } from '../json/exact-number.ts';
import type { EventOf } from '../events/types.ts';

export interface Sale {
  eventId: string;
  saleId: string;
  repId: string;
  /** null when neither the sale nor the rep's history names a team at the sale's time. */
  teamId: string | null;
  customerId: string;
  amountUnits: bigint;
  /** null when the sale has no cost (its periods' margins are then unknown). */
  costUnits: bigint | null;
  occurredMs: number;
  occurredAt: string;
  region: string | null;
  segment: string | null;
}

/** "Latest occurred_at wins; a tie is broken by the greater event id" (api.md). */
export function isLater(a: { occurredMs: number; id: string }, b: { occurredMs: number; id: string }): boolean {
  return a.occurredMs !== b.occurredMs ? a.occurredMs > b.occurredMs : compareCodePoints(a.id, b.id) > 0;
}

/** Team membership history per rep, ordered so the last entry at or before t is in force. */
export class TeamHistory {
  private readonly byRep = new Map<string, { fromMs: number; id: string; teamId: string }[]>();

  constructor(upserts: readonly EventOf<'rep.upserted'>[]) {
    for (const e of upserts) {
      const list = this.byRep.get(e.data.rep_id) ?? [];
      list.push({ fromMs: e.occurredMs, id: e.id, teamId: e.data.team_id });
      this.byRep.set(e.data.rep_id, list);
    }
    for (const list of this.byRep.values()) {
      list.sort((a, b) => a.fromMs - b.fromMs || compareCodePoints(a.id, b.id));
    }
  }

  /**
   * Every rep's memberships as half-open intervals [fromMs, toMs): the team in force from one
   * membership to the next (a membership outranked at the same instant gets no interval). In
   * rep order (code points), then time: the same history always lists the same way, so callers
   * can hash it.
   */
  intervals(): { repId: string; fromMs: number; toMs: number; teamId: string }[] {
    const out: { repId: string; fromMs: number; toMs: number; teamId: string }[] = [];
    for (const [repId, list] of [...this.byRep].sort(([a], [b]) => compareCodePoints(a, b))) {
      list.forEach((m, i) => {
        const toMs = list[i + 1]?.fromMs ?? Number.MAX_SAFE_INTEGER;
        if (toMs > m.fromMs) out.push({ repId, fromMs: m.fromMs, toMs, teamId: m.teamId });
      });
    }
    return out;
  }

  /** The rep's team at instant t (membership counts from its occurred_at, inclusive), or null. */
  teamAt(repId: string, t: number): string | null {
    const list = this.byRep.get(repId);
    if (!list) return null;
    let team: string | null = null;
    for (const m of list) {
      if (m.fromMs > t) break;
      team = m.teamId;
    }
    return team;
  }
}

/** The final version of every sale, attributed. Input order does not matter. */
export function resolveSales(closed: readonly EventOf<'sale.closed'>[], teams: TeamHistory): Map<string, Sale> {
  const latest = new Map<string, EventOf<'sale.closed'>>();
  for (const e of closed) {
    const current = latest.get(e.data.sale_id);
    if (!current || isLater({ occurredMs: e.occurredMs, id: e.id }, { occurredMs: current.occurredMs, id: current.id })) {
      latest.set(e.data.sale_id, e);
    }
  }
  const sales = new Map<string, Sale>();
  for (const [saleId, e] of latest) {
    sales.set(saleId, {
      eventId: e.id,
      saleId,
      repId: e.data.rep_id,
      teamId: e.data.team_id ?? teams.teamAt(e.data.rep_id, e.occurredMs),
      customerId: e.data.customer_id,
      amountUnits: e.data.amount,
      costUnits: e.data.cost ?? null,
      occurredMs: e.occurredMs,
      occurredAt: e.occurred_at,
      region: e.data.region ?? null,
      segment: e.data.segment ?? null,
    });
  }
  return sales;
}
