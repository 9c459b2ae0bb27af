/**
 * A large synthetic company for benchmarks: 20 teams, 200 reps, 20,000 customers, sales spread
 * over two years with ~3% refunds and monthly revenue targets per rep. Deterministic (seeded),
 * generated lazily so a million events never sit in memory as objects at once.
 */
import { mulberry32 } from '../demo/random.ts';

export interface SyntheticOptions {
  seed?: number;
  /** First event index (for deltas that continue an earlier stream). */
  start?: number;
  /** End of the history (ms). */
  endMs: number;
  /** How far back sales go (ms); default two years. A cron's delta is the last day or so. */
  spanMs?: number;
}

const TEAMS = 20;
const REPS = 200;
const CUSTOMERS = 20_000;
const TWO_YEARS_MS = 2 * 365 * 86_400_000;

const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** The company's teams, reps and monthly rep targets (the dimension events). */
export function dimensionEvents(endMs: number): object[] {
  const at = new Date(endMs - TWO_YEARS_MS - 86_400_000).toISOString();
  const events: object[] = [];
  for (let t = 0; t < TEAMS; t++) events.push({ id: `bench_team_${t}`, type: 'team.upserted', occurred_at: at, data: { team_id: `team_${t}`, name: `Team ${t}` } });
  for (let r = 0; r < REPS; r++) {
    events.push({ id: `bench_rep_${r}`, type: 'rep.upserted', occurred_at: at, data: { rep_id: `rep_${r}`, name: `Rep ${r}`, team_id: `team_${r % TEAMS}` } });
  }
  const first = new Date(endMs - TWO_YEARS_MS);
  for (let m = 0; m <= 24; m++) {
    const d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1));
    const period = d.toISOString().slice(0, 7);
    for (let r = 0; r < REPS; r++) {
      events.push({ id: `bench_target_${r}_${period}`, type: 'target.set', occurred_at: at, data: { scope: 'rep', scope_id: `rep_${r}`, metric: 'revenue', period, value: 25000 } });
    }
  }
  return events;
}

/** Sales (and refunds of some of them) number `start` .. `start + count - 1`, in a fixed order. */
export function* salesEvents(count: number, options: SyntheticOptions): Generator<object> {
  const start = options.start ?? 0;
  const random = mulberry32((options.seed ?? 1) + start);
  for (let i = start; i < start + count; i++) {
    const occurredMs = options.endMs - Math.floor(random() * (options.spanMs ?? TWO_YEARS_MS));
    const rep = Math.floor(random() * REPS);
    const cents = 5_000 + Math.floor(random() * 400_000);
    const sale = {
      id: `bench_sale_${i}`,
      type: 'sale.closed',
      occurred_at: new Date(occurredMs).toISOString(),
      data: {
        sale_id: `S${i}`,
        rep_id: `rep_${rep}`,
        customer_id: `cust_${Math.floor(random() * CUSTOMERS)}`,
        amount: money(cents),
        cost: money(Math.floor(cents * (0.5 + random() * 0.2))),
        region: random() < 0.5 ? 'north' : 'south',
      },
    };
    // Every 33rd event is a refund of the sale before it (about 3%).
    if (i % 33 === 32) {
      yield { id: `bench_refund_${i}`, type: 'sale.refunded', occurred_at: new Date(occurredMs + 86_400_000).toISOString(), data: { sale_id: `S${i - 1}`, amount: money(1_000) } };
    } else yield sale;
  }
}
