/**
 * Demo company generator: a realistic, deterministic history of a small sales organisation as
 * contract events (`api.md`), ready to post to `POST /v1/events`.
 *
 * Same `seed` and `now` give the same events, byte for byte. The history starts at the beginning
 * of the quarter 30 months before `now` (two full years to compare with and to fit seasonal forecasts on) and no
 * event lies after `now`.
 *
 * The default cast is a small organisation (5 teams, 22 people; `company.ts`); `cast` (see
 * `scaledCast`) and `historyMonths` make larger and longer ones for benchmarks.
 *
 * Run it: `node scripts/demo/generate.ts [--seed N] [--now ISO] [--teams N --reps N] [--years Y]
 * [--out events.jsonl]` prints a summary, and with `--out` writes one event per line.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DAY_MS,
  HOUR_MS,
  dateLabel,
  monthLabel,
  monthStartUtc,
  monthsBetween,
  quarterFirstMonth,
  quarterLabel,
  rfc3339,
  startOfDayUtc,
  weekdayOf,
  yearMonthOf,
} from './calendar.ts';
import {
  ACCOUNT_GROWTH_PER_YEAR,
  CATEGORIES,
  DEFAULT_CAST,
  FEEDBACK_COMMENTS,
  FEEDBACK_TOPICS,
  MARKET_GROWTH_PER_YEAR,
  PRODUCTS,
  REFUND_REASONS_FULL,
  REGIONS,
  SEASONALITY,
  SEGMENTS,
  scaledCast,
} from './company.ts';
import type { Category, Channel, DemoCast, Product, Region, RepSpec, Segment, TeamSpec } from './company.ts';
import { moneyNumber, moneyString, roundUnits, unitsOf, UNITS } from './money.ts';
import { createRandom } from './random.ts';
import type { Random } from './random.ts';

/** The 13 event types of contract v1. */
export const DEMO_EVENT_TYPES = [
  'team.upserted',
  'rep.upserted',
  'sale.closed',
  'sale.refunded',
  'target.set',
  'survey.responded',
  'market.sized',
  'customer.contacted',
  'opportunity.opened',
  'opportunity.closed',
  'ticket.opened',
  'ticket.resolved',
  'feedback.submitted',
] as const;

export type DemoEventType = (typeof DEMO_EVENT_TYPES)[number];

/** One event exactly as posted: the contract envelope. */
export interface DemoEvent {
  id: string;
  type: DemoEventType;
  /** RFC 3339, whole seconds, `Z` or a fixed offset (the survey and ticket tools send local time). */
  occurred_at: string;
  data: Record<string, unknown>;
}

export interface DemoCompanyOptions {
  /** PRNG seed; defaults to {@link DEFAULT_DEMO_SEED}. */
  seed?: number;
  /** End of the history (no event after it); defaults to the current time. */
  now?: Date | number | string;
  /** Who works there; defaults to {@link DEFAULT_CAST} (5 teams, 22 people). See `scaledCast` for larger ones. */
  cast?: DemoCast;
  /** Months of history before `now` (then back to the start of that quarter); defaults to {@link DEFAULT_HISTORY_MONTHS}. */
  historyMonths?: number;
}

export const DEFAULT_HISTORY_MONTHS = 30;

export const DEFAULT_DEMO_SEED = 42;

/** Sale ids of the legacy system, refunded after go-live: their sales were never sent (orphans). */
export const LEGACY_SALE_PREFIX = 'sale_legacy_';

const YEAR_MS = 365.25 * DAY_MS;
/** Where each sending system lives: the survey tool reports in +01:00, the ticket tool in -05:00. */
const SURVEY_OFFSET_MIN = 60;
const TICKET_OFFSET_MIN = -300;

interface Rep {
  spec: RepSpec;
  /** Current team while simulating; `teams` keeps the history for everything computed after. */
  teamId: string;
  teams: { fromMs: number; teamId: string }[];
  /** Demand multiplier of the rep's accounts (selling skill), ~0.65-1.5. */
  skill: number;
  /** Yearly drift of the skill: some reps improve, one slumps. */
  trend: number;
  /** Usual discount in basis points: disciplined reps protect the margin. */
  discountBp: number;
  /** Service quality, ~0.75-1.25: drives satisfaction, complaints and resolution speed. */
  service: number;
  /** Chance to win an opportunity. */
  winRate: number;
  activeFromMs: number;
  leftMs: number | null;
  /** New hires ramp up over three months. */
  rampFromMs: number | null;
}

interface Customer {
  id: string;
  region: Region;
  segment: Segment;
  channel: Channel;
  /** Orders per month at season 1. */
  rate: number;
  /** Quantity multiplier. */
  size: number;
  categoryWeights: number[];
  acquiredMs: number;
  churnMs: number;
  /** Account owner over time, oldest first. */
  owners: { fromMs: number; repId: string }[];
  /** Mean order value in units, estimated once for planning. */
  expectedOrderUnits: number;
  /** Day (UTC midnight) of the guaranteed first order of a newly won customer. */
  firstOrderDayMs: number | null;
}

interface Line {
  product: Product;
  quantity: number;
  amountUnits: number;
  costUnits: number;
}

interface Sale {
  id: string;
  atMs: number;
  customer: Customer;
  repId: string;
  amountUnits: number;
  costUnits: number;
  lines: Line[];
  complaintAtMs: number | null;
  amended: boolean;
}

interface Draft {
  atMs: number;
  offsetMinutes: number;
  seq: number;
  type: DemoEventType;
  data: Record<string, unknown>;
}

/**
 * Generate the demo company's history, sorted by `occurred_at` (ties in generation order), with
 * ids `evt_demo_000001`, `evt_demo_000002`, ... in that order.
 *
 * @example
 * const events = generateDemoCompany({ seed: 42, now: '2026-11-26T12:00:00Z' });
 * events.length; // ~20,000
 */
export function generateDemoCompany(options: DemoCompanyOptions = {}): DemoEvent[] {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const nowMs = toMs(options.now ?? new Date());
  const historyMonths = options.historyMonths ?? DEFAULT_HISTORY_MONTHS;
  if (!Number.isInteger(seed)) throw new Error(`generateDemoCompany: seed must be an integer, got ${seed}`);
  if (!Number.isInteger(historyMonths) || historyMonths < 1) {
    throw new Error(`generateDemoCompany: historyMonths must be a positive integer, got ${historyMonths}`);
  }
  return new DemoCompany(seed, nowMs, options.cast ?? DEFAULT_CAST, historyMonths).generate();
}

/**
 * The first day of the history: start of the quarter containing the month `historyMonths`
 * (default 15) months before `now`.
 */
export function demoHistoryStart(now: Date | number | string, historyMonths = DEFAULT_HISTORY_MONTHS): Date {
  const { year, month } = yearMonthOf(toMs(now));
  const back = new Date(monthStartUtc(year, month - historyMonths));
  const m = quarterFirstMonth(back.getUTCMonth() + 1);
  return new Date(monthStartUtc(back.getUTCFullYear(), m));
}

function toMs(value: Date | number | string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`invalid now: ${String(value)}`);
  return ms;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

/** All the mutable state of one generation run. A class because the phases share a lot of it. */
class DemoCompany {
  readonly seed: number;
  readonly cast: DemoCast;
  readonly nowMs: number;
  readonly startMs: number;
  readonly spanMs: number;
  readonly rng: Random;
  readonly drafts: Draft[] = [];
  readonly reps = new Map<string, Rep>();
  readonly teams = new Map<string, TeamSpec>();
  readonly customers: Customer[] = [];
  readonly sales: Sale[] = [];
  /** Project sales scheduled by won upsell opportunities, by UTC day. */
  readonly scheduled = new Map<number, { customer: Customer; repId: string; lines: Line[] }[]>();
  /** Latest revenue target per rep and month label, in units (to re-plan team targets). */
  readonly repMonthTargets = new Map<string, Map<string, number>>();
  /** Target changes that follow org changes, run in time order with the annual planning. */
  readonly targetActions: { atMs: number; run: () => void }[] = [];
  /** The company's planned months per year, for the mid-year reforecast. */
  readonly companyPlans = new Map<number, { firstMonth: number; months: Map<number, number> }>();
  seq = 0;
  saleCount = 0;
  customerCount = 0;
  opportunityCount = 0;
  ticketCount = 0;

  constructor(seed: number, nowMs: number, cast: DemoCast, historyMonths: number) {
    this.seed = seed;
    this.cast = cast;
    this.nowMs = Math.floor(nowMs / 1000) * 1000;
    this.startMs = demoHistoryStart(nowMs, historyMonths).getTime();
    this.spanMs = this.nowMs - this.startMs;
    this.rng = createRandom(seed);
  }

  generate(): DemoEvent[] {
    this.setUpOrganisation();
    this.setUpCustomers();
    this.simulateDays();
    this.amendSales();
    this.refundSales();
    this.surveyCustomers();
    this.setTargets();
    this.sizeMarkets();
    this.collectFeedback();
    return this.finish();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  emit(type: DemoEventType, atMs: number, data: Record<string, unknown>, offsetMinutes = 0): void {
    if (atMs > this.nowMs) throw new Error(`internal: ${type} after now`);
    this.drafts.push({ atMs: Math.floor(atMs / 1000) * 1000, offsetMinutes, seq: this.seq++, type, data });
  }

  /** A time on a working day (Mon-Fri) at or after `ms`, between 08:00 and 18:00 UTC. */
  businessTime(rng: Random, ms: number): number {
    let day = startOfDayUtc(ms);
    while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day += DAY_MS;
    const t = day + 8 * HOUR_MS + Math.floor(rng.uniform(0, 10 * 60)) * 60_000 + rng.int(0, 59) * 1000;
    return Math.max(t, ms);
  }

  /** A Monday at 07:00 UTC on or after the given fraction of the history. */
  orgChangeTime(fraction: number): number {
    let day = startOfDayUtc(this.startMs + fraction * this.spanMs);
    while (weekdayOf(day) !== 1) day += DAY_MS;
    return day + 7 * HOUR_MS;
  }

  ownerAt(customer: Customer, ms: number): string {
    let owner = customer.owners[0]?.repId ?? '';
    for (const o of customer.owners) if (o.fromMs <= ms) owner = o.repId;
    return owner;
  }

  teamAt(rep: Rep, ms: number): string {
    let teamId = rep.teams[0]?.teamId ?? rep.teamId;
    for (const t of rep.teams) if (t.fromMs <= ms) teamId = t.teamId;
    return teamId;
  }

  isActive(rep: Rep, ms: number): boolean {
    return rep.activeFromMs <= ms && (rep.leftMs === null || ms < rep.leftMs);
  }

  /** Demand multiplier of a rep's accounts at a time: skill, drift and ramp-up. */
  repFactor(rep: Rep, ms: number): number {
    const years = (ms - this.startMs) / YEAR_MS;
    let f = rep.skill * (1 + rep.trend * years);
    if (rep.rampFromMs !== null) f *= clamp(0.35 + (0.65 * (ms - rep.rampFromMs)) / (90 * DAY_MS), 0.35, 1);
    if (rep.spec.role === 'manager') f *= 0.9;
    return Math.max(0.2, f);
  }

  growth(ms: number): number {
    return (1 + ACCOUNT_GROWTH_PER_YEAR) ** ((ms - this.startMs) / YEAR_MS);
  }

  // ---------------------------------------------------------------------------------------------
  // Organisation

  setUpOrganisation(): void {
    const rng = this.rng.fork('organisation');
    const setupMs = this.startMs - 30 * DAY_MS + 9 * HOUR_MS;
    for (const team of this.cast.teams) {
      this.teams.set(team.id, team);
      const manager = this.cast.reps.find((r) => r.teamId === team.id && r.role === 'manager');
      this.emit('team.upserted', setupMs, {
        team_id: team.id,
        name: team.name,
        ...(manager ? { manager_rep_id: manager.id } : {}),
      });
    }
    for (const spec of this.cast.reps) {
      const rep = this.makeRep(rng, spec, setupMs);
      const hiredMs = this.startMs - Math.floor(rng.uniform(0.4, 9) * YEAR_MS);
      this.emit('rep.upserted', setupMs + 60_000, {
        rep_id: spec.id,
        name: spec.name,
        team_id: spec.teamId,
        role: spec.role,
        hired_at: dateLabel(hiredMs),
        active: true,
      });
      this.reps.set(spec.id, rep);
    }
    // Make the story readable on the dashboards: one clear riser and one clear slump.
    const riser = this.reps.get('rep_16');
    const slump = this.reps.get('rep_07');
    if (riser) riser.trend = 0.3;
    if (slump) slump.trend = -0.25;
  }

  makeRep(rng: Random, spec: RepSpec, activeFromMs: number): Rep {
    return {
      spec,
      teamId: spec.teamId,
      teams: [{ fromMs: activeFromMs, teamId: spec.teamId }],
      skill: clamp(rng.lognormal(0, 0.22), 0.65, 1.5),
      trend: clamp(rng.normal(0, 0.06), -0.12, 0.12),
      discountBp: rng.int(4, 36) * 25,
      service: clamp(rng.normal(1, 0.14), 0.75, 1.25),
      winRate: clamp(rng.normal(0.36, 0.08), 0.18, 0.55),
      activeFromMs,
      leftMs: null,
      rampFromMs: null,
    };
  }

  /** Apply the org changes due at `ms`: team moves, a departure, a hire, a rename. */
  applyOrgChanges(ms: number, done: Set<number>): void {
    this.cast.orgChanges.forEach((change, index) => {
      const atMs = this.orgChangeTime(change.at);
      if (done.has(index) || atMs > ms) return;
      done.add(index);
      const rng = this.rng.fork(`org-change-${index}`);
      if (change.kind === 'rename') {
        const team = this.teams.get(change.teamId);
        if (!team?.renamedTo) return;
        const renamed = { ...team, name: team.renamedTo };
        this.teams.set(team.id, renamed);
        const manager = this.cast.reps.find((r) => r.teamId === team.id && r.role === 'manager');
        this.emit('team.upserted', atMs, {
          team_id: team.id,
          name: renamed.name,
          ...(manager ? { manager_rep_id: manager.id } : {}),
        });
        return;
      }
      if (change.kind === 'move') {
        const rep = this.reps.get(change.repId);
        if (!rep) return;
        const fromTeam = rep.teamId;
        // Accounts stay in their territory: the mover hands them to old teammates and takes
        // over a share of the new team's accounts.
        this.handOver(rng, rep.spec.id, fromTeam, atMs);
        rep.teamId = change.toTeamId;
        rep.teams.push({ fromMs: atMs, teamId: change.toTeamId });
        this.emitRep(rep, atMs, true);
        this.takeOver(rng, rep.spec.id, change.toTeamId, 0.22, atMs);
        const replanMs = atMs + 2 * DAY_MS + 3 * HOUR_MS;
        this.targetActions.push({ atMs: replanMs, run: () => this.replanTeams([fromTeam, change.toTeamId], replanMs) });
        return;
      }
      if (change.kind === 'leave') {
        const rep = this.reps.get(change.repId);
        if (!rep) return;
        rep.leftMs = atMs;
        this.emitRep(rep, atMs, false);
        this.handOver(rng, rep.spec.id, rep.teamId, atMs);
        return;
      }
      const rep = this.makeRep(rng, change.rep, atMs);
      rep.rampFromMs = atMs;
      rep.skill = 1.05;
      rep.trend = 0.05;
      this.reps.set(change.rep.id, rep);
      this.emit('rep.upserted', atMs, {
        rep_id: change.rep.id,
        name: change.rep.name,
        team_id: change.rep.teamId,
        role: change.rep.role,
        hired_at: dateLabel(atMs),
        active: true,
      });
      this.takeOver(rng, change.rep.id, change.rep.teamId, 0.2, atMs);
      const planMs = atMs + 3 * DAY_MS + 3 * HOUR_MS;
      this.targetActions.push({ atMs: planMs, run: () => this.planNewHire(rep, planMs) });
    });
  }

  emitRep(rep: Rep, atMs: number, active: boolean): void {
    this.emit('rep.upserted', atMs, {
      rep_id: rep.spec.id,
      name: rep.spec.name,
      team_id: rep.teamId,
      role: rep.spec.role,
      active,
    });
  }

  /** Give a rep's accounts to the other active members of a team, round robin by size. */
  handOver(rng: Random, repId: string, teamId: string, atMs: number): void {
    const heirs = [...this.reps.values()].filter(
      (r) => r.teamId === teamId && r.spec.id !== repId && this.isActive(r, atMs) && r.spec.role === 'rep',
    );
    if (heirs.length === 0) return;
    const accounts = this.customers.filter((c) => this.ownerAt(c, atMs) === repId).sort((a, b) => b.size - a.size);
    const start = rng.int(0, heirs.length - 1);
    accounts.forEach((c, i) => {
      const heir = heirs[(start + i) % heirs.length] as Rep;
      c.owners.push({ fromMs: atMs, repId: heir.spec.id });
    });
  }

  /** A rep takes over a share of the accounts of the (non-manager) members of a team. */
  takeOver(rng: Random, repId: string, teamId: string, share: number, atMs: number): void {
    for (const c of this.customers) {
      const owner = this.reps.get(this.ownerAt(c, atMs));
      if (!owner || owner.teamId !== teamId || owner.spec.id === repId || owner.spec.role === 'manager') continue;
      if (c.acquiredMs <= atMs && rng.chance(share)) c.owners.push({ fromMs: atMs, repId });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Customers and orders

  setUpCustomers(): void {
    const rng = this.rng.fork('customers');
    const counts = this.cast.customersPerTeam;
    for (const team of this.cast.teams) {
      const members = this.cast.reps.filter((r) => r.teamId === team.id);
      const count = counts[team.id] ?? 30;
      for (let i = 0; i < count; i++) {
        // Managers keep a few key accounts; reps share the rest.
        const owner =
          i % 9 === 0
            ? (members.find((r) => r.role === 'manager') as RepSpec)
            : (members.filter((r) => r.role === 'rep')[i % (members.length - 1)] as RepSpec);
        const segment: Segment =
          team.kind === 'inside' ? 'smb' : rng.weighted<Segment>(SEGMENTS, i % 9 === 0 ? [0.7, 0.3, 0] : [0.12, 0.46, 0.42]);
        const region: Region = team.region ?? rng.pick(REGIONS);
        const acquiredMs = this.startMs - Math.floor(rng.uniform(30, 2000)) * DAY_MS;
        this.addCustomer(rng, { segment, region, team, ownerId: owner.id, acquiredMs, firstOrderDayMs: null });
      }
    }
  }

  addCustomer(
    rng: Random,
    init: { segment: Segment; region: Region; team: TeamSpec; ownerId: string; acquiredMs: number; firstOrderDayMs: number | null },
  ): Customer {
    const id = `cus_${String(++this.customerCount).padStart(4, '0')}`;
    const channel: Channel =
      init.team.kind === 'inside' ? (rng.chance(0.5) ? 'online' : 'inside') : rng.chance(0.18) ? 'partner' : 'field';
    const baseRate = { enterprise: 3.2, mid_market: 2.4, smb: 1.5 }[init.segment];
    const baseSize = { enterprise: 3.6, mid_market: 1.7, smb: 0.85 }[init.segment];
    // Churn hazard ~11% a year; a complaint can bring it forward (see openTicket).
    const churnMs = Math.max(init.acquiredMs, this.startMs) + Math.floor((-Math.log(1 - rng.next()) / 0.11) * YEAR_MS);
    const customer: Customer = {
      id,
      region: init.region,
      segment: init.segment,
      channel,
      rate: baseRate * clamp(rng.lognormal(0, 0.38), 0.35, 2.6),
      size: baseSize * clamp(rng.lognormal(0, 0.3), 0.5, 2.2),
      categoryWeights: CATEGORIES.map((c) => (c === 'services' ? 0.5 : 1) * rng.uniform(0.2, 1.2)),
      acquiredMs: init.acquiredMs,
      churnMs,
      owners: [{ fromMs: Math.min(init.acquiredMs, this.startMs - 60 * DAY_MS), repId: init.ownerId }],
      expectedOrderUnits: 0,
      firstOrderDayMs: init.firstOrderDayMs,
    };
    // Planning estimate of the mean order value (its own stream: it must not shift the story).
    const plan = this.rng.fork(`plan-${id}`);
    const rep = this.reps.get(init.ownerId);
    let total = 0;
    for (let i = 0; i < 40; i++) total += sumUnits(this.orderLines(plan, customer, rep?.discountBp ?? 400, 1));
    customer.expectedOrderUnits = total / 40;
    this.customers.push(customer);
    return customer;
  }

  discountFor(rng: Random, customer: Customer, repDiscountBp: number): number {
    if (customer.channel === 'online') return rng.chance(0.2) ? 500 : 0;
    const segmentBp = { enterprise: 450, mid_market: 150, smb: 0 }[customer.segment];
    return clamp(Math.round((repDiscountBp + segmentBp + rng.normal(0, 150)) / 25) * 25, 0, 2000);
  }

  orderLines(rng: Random, customer: Customer, repDiscountBp: number, boost: number): Line[] {
    const maxExtra = { enterprise: 3, mid_market: 2, smb: 1 }[customer.segment];
    const count = 1 + (rng.chance(0.42) ? rng.int(1, maxExtra) : 0);
    const discountBp = this.discountFor(rng, customer, repDiscountBp);
    const lines: Line[] = [];
    for (let i = 0; i < count * 2 && lines.length < count; i++) {
      const category = rng.weighted<Category>(CATEGORIES, customer.categoryWeights);
      const product = rng.pick(PRODUCTS.filter((p) => p.category === category));
      if (lines.some((l) => l.product === product)) continue;
      const quantity = Math.max(1, Math.round(product.baseQuantity * customer.size * boost * rng.lognormal(0, 0.4)));
      // Exact: integer units, one rounding (half up) of the discounted line total.
      const amountUnits = Math.round((quantity * unitsOf(product.price) * (10_000 - discountBp)) / 10_000);
      lines.push({ product, quantity, amountUnits, costUnits: quantity * unitsOf(product.cost) });
    }
    return lines;
  }

  simulateDays(): void {
    const rng = this.rng.fork('days');
    const tickets = this.rng.fork('tickets');
    const pipeline = this.rng.fork('pipeline');
    const contacts = this.rng.fork('contacts');
    const done = new Set<number>();
    const lastDay = startOfDayUtc(this.nowMs);
    for (let day = startOfDayUtc(this.startMs); day <= lastDay; day += DAY_MS) {
      this.applyOrgChanges(day + 7 * HOUR_MS, done);
      const { month } = yearMonthOf(day);
      const season = SEASONALITY[month - 1] as number;
      const weekday = weekdayOf(day);
      const weekend = weekday === 0 || weekday === 6;
      const growth = this.growth(day);

      for (const customer of this.customers) {
        if (customer.acquiredMs >= day + DAY_MS || customer.churnMs <= day) continue;
        const rep = this.reps.get(this.ownerAt(customer, day + 7 * HOUR_MS));
        if (!rep) continue;
        const forced = customer.firstOrderDayMs === day;
        const online = customer.channel === 'online';
        const dayFactor = weekend ? (online ? 0.55 : weekday === 6 ? 0.08 : 0.02) : 1;
        const p = (customer.rate / 22.6) * season * dayFactor * growth * this.repFactor(rep, day);
        if (!forced && !rng.chance(Math.min(p, 0.9))) continue;
        const minutes = online ? rng.uniform(7.5 * 60, 23.5 * 60) : rng.uniform(7.5 * 60, 18 * 60);
        const atMs = Math.max(day + Math.floor(minutes) * 60_000 + rng.int(0, 59) * 1000, customer.acquiredMs);
        if (atMs > this.nowMs) continue;
        const lines = this.orderLines(rng, customer, rep.discountBp, forced ? 1.3 : 1);
        this.closeSale(tickets, customer, rep, atMs, lines);
      }

      for (const project of this.scheduled.get(day) ?? []) {
        const atMs = this.businessTime(rng, day);
        if (atMs > this.nowMs) continue;
        let rep = this.reps.get(project.repId);
        if (!rep || !this.isActive(rep, atMs)) rep = this.reps.get(this.ownerAt(project.customer, atMs));
        if (rep) this.closeSale(tickets, project.customer, rep, atMs, project.lines);
      }

      if (weekend) continue;
      const accounts = this.accountsByRep(day);
      for (const rep of this.reps.values()) {
        if (!this.isActive(rep, day + 12 * HOUR_MS)) continue;
        this.workPipeline(pipeline, rep, day, accounts.get(rep.spec.id) ?? []);
        this.contactCustomers(contacts, rep, day, accounts.get(rep.spec.id) ?? []);
      }
    }
  }

  accountsByRep(day: number): Map<string, Customer[]> {
    const byRep = new Map<string, Customer[]>();
    for (const c of this.customers) {
      if (c.acquiredMs > day || c.churnMs <= day) continue;
      const owner = this.ownerAt(c, day + 12 * HOUR_MS);
      const list = byRep.get(owner);
      if (list) list.push(c);
      else byRep.set(owner, [c]);
    }
    return byRep;
  }

  closeSale(rng: Random, customer: Customer, rep: Rep, atMs: number, lines: Line[]): void {
    const id = `sale_${String(++this.saleCount).padStart(6, '0')}`;
    const amountUnits = sumUnits(lines);
    const costUnits = lines.reduce((s, l) => s + l.costUnits, 0);
    const sale: Sale = { id, atMs, customer, repId: rep.spec.id, amountUnits, costUnits, lines, complaintAtMs: null, amended: false };
    this.sales.push(sale);
    this.emit('sale.closed', atMs, this.saleData(sale, lines));
    this.maybeOpenTicket(rng, sale, rep);
  }

  saleData(sale: Sale, lines: Line[]): Record<string, unknown> {
    const c = sale.customer;
    // The web shop sends JSON numbers when the amount is whole cents; every other source sends strings.
    const money = (units: number) => (c.channel === 'online' && units % 100 === 0 ? moneyNumber(units) : moneyString(units));
    const data: Record<string, unknown> = {
      sale_id: sale.id,
      rep_id: sale.repId,
      customer_id: c.id,
      region: c.region,
      segment: c.segment,
      channel: c.channel,
    };
    // The partner portal records the selling team itself (always the rep's team at the time).
    const rep = this.reps.get(sale.repId);
    if (c.channel === 'partner' && rep) data.team_id = this.teamAt(rep, sale.atMs);
    const first = lines[0];
    if (lines.length === 1 && first) {
      data.product_id = first.product.id;
      data.category = first.product.category;
      data.quantity = first.quantity;
      data.amount = money(first.amountUnits);
      data.cost = money(first.costUnits);
    } else {
      data.lines = lines.map((l) => ({
        product_id: l.product.id,
        category: l.product.category,
        quantity: l.quantity,
        amount: money(l.amountUnits),
        cost: money(l.costUnits),
      }));
    }
    return data;
  }

  /** About 3% of sales lead to a ticket (more with reps who give poorer service). */
  maybeOpenTicket(rng: Random, sale: Sale, rep: Rep): void {
    if (!rng.chance(0.03 / rep.service)) return;
    const complaint = rng.chance(0.55);
    const openedMs = this.businessTime(rng, sale.atMs + rng.int(1, 25) * DAY_MS);
    if (openedMs > this.nowMs) return;
    const id = `tkt_${String(++this.ticketCount).padStart(5, '0')}`;
    this.emit(
      'ticket.opened',
      openedMs,
      { ticket_id: id, customer_id: sale.customer.id, kind: complaint ? 'complaint' : 'service', rep_id: rep.spec.id },
      TICKET_OFFSET_MIN,
    );
    const medianHours = complaint ? 22 : 40;
    const hours = rng.lognormal(Math.log(medianHours), 0.85) / rep.service;
    const resolvedMs = openedMs + Math.max(0.25, hours) * HOUR_MS;
    if (resolvedMs <= this.nowMs) this.emit('ticket.resolved', resolvedMs, { ticket_id: id }, TICKET_OFFSET_MIN);
    if (complaint) {
      sale.complaintAtMs = openedMs;
      // Unhappy customers sometimes leave within a few months.
      if (rng.chance(0.2)) sale.customer.churnMs = Math.min(sale.customer.churnMs, openedMs + rng.int(20, 90) * DAY_MS);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Pipeline and contacts

  workPipeline(rng: Random, rep: Rep, day: number, accounts: Customer[]): void {
    const team = this.teams.get(rep.teamId) as TeamSpec;
    const manager = rep.spec.role === 'manager';
    const prospectRate = manager ? 0.35 : team.kind === 'inside' ? 1.35 : 0.95;
    if (rng.chance(prospectRate / 21.7)) this.openProspect(rng, rep, team, day);
    if (accounts.length > 0 && rng.chance((manager ? 0.5 : 1.0) / 21.7)) this.openUpsell(rng, rep, day, accounts);
  }

  openProspect(rng: Random, rep: Rep, team: TeamSpec, day: number): void {
    const openedMs = this.businessTime(rng, day);
    if (openedMs > this.nowMs) return;
    const segment: Segment = team.kind === 'inside' ? 'smb' : rng.weighted<Segment>(SEGMENTS, [0.14, 0.46, 0.4]);
    const region: Region = team.region ?? rng.pick(REGIONS);
    const cycleDays = { enterprise: rng.int(45, 120), mid_market: rng.int(25, 70), smb: rng.int(8, 35) }[segment];
    const winChance = clamp(rep.winRate * { enterprise: 0.8, mid_market: 1, smb: 1.15 }[segment], 0.05, 0.8);
    const won = rng.chance(winChance);
    const closedMs = this.businessTime(rng, openedMs + cycleDays * DAY_MS);
    const acquiredMs = closedMs + rng.int(1, 6) * DAY_MS;
    const customer = this.addCustomer(rng, {
      segment,
      region,
      team,
      ownerId: rep.spec.id,
      // A lost prospect never buys: it stays a customer id in the pipeline only.
      acquiredMs: won ? acquiredMs : Number.POSITIVE_INFINITY,
      firstOrderDayMs: won ? startOfDayUtc(acquiredMs) : null,
    });
    customer.owners[0] = { fromMs: openedMs, repId: rep.spec.id };
    const estimateUnits = roundUnits(customer.expectedOrderUnits * customer.rate * 6, 500 * UNITS) || 500 * UNITS;
    this.openOpportunity(rng, rep, customer, openedMs, closedMs, won, estimateUnits, true);
  }

  openUpsell(rng: Random, rep: Rep, day: number, accounts: Customer[]): void {
    const openedMs = this.businessTime(rng, day);
    if (openedMs > this.nowMs) return;
    const customer = rng.weighted(
      accounts,
      accounts.map((c) => c.size),
    );
    const won = rng.chance(clamp(rep.winRate * 1.35, 0.1, 0.85));
    const closedMs = this.businessTime(rng, openedMs + rng.int(10, 50) * DAY_MS);
    // A won upsell becomes a large project order a few days after the close.
    const lines = this.orderLines(rng, customer, rep.discountBp, 2.2);
    const quotedUnits = roundUnits(sumUnits(lines) * rng.uniform(0.9, 1.25), 10 * UNITS) || 10 * UNITS;
    if (won && closedMs <= this.nowMs) {
      const day0 = startOfDayUtc(closedMs) + rng.int(0, 3) * DAY_MS;
      const list = this.scheduled.get(day0) ?? [];
      list.push({ customer, repId: rep.spec.id, lines });
      this.scheduled.set(day0, list);
    }
    this.openOpportunity(rng, rep, customer, openedMs, closedMs, won, quotedUnits, false, won ? sumUnits(lines) : null);
  }

  openOpportunity(
    rng: Random,
    rep: Rep,
    customer: Customer,
    openedMs: number,
    closedMs: number,
    won: boolean,
    quotedUnits: number,
    prospect: boolean,
    wonUnits: number | null = null,
  ): void {
    const id = `opp_${String(++this.opportunityCount).padStart(5, '0')}`;
    this.emit('opportunity.opened', openedMs, {
      opportunity_id: id,
      rep_id: rep.spec.id,
      customer_id: customer.id,
      amount: moneyString(quotedUnits),
    });
    // Prospects get demos and meetings while the opportunity is open.
    if (prospect) {
      const touches = rng.int(1, 3);
      for (let i = 0; i < touches; i++) {
        const atMs = this.businessTime(rng, openedMs + rng.uniform(0.1, 0.9) * (closedMs - openedMs));
        if (atMs > this.nowMs) continue;
        this.emit('customer.contacted', atMs, {
          customer_id: customer.id,
          rep_id: rep.spec.id,
          kind: rng.weighted(['demo', 'meeting', 'call', 'visit'], [0.35, 0.25, 0.25, 0.15]),
          outcome: rng.pick(['interested', 'follow_up', 'proposal_sent']),
        });
      }
    }
    if (closedMs > this.nowMs) return;
    const finalUnits = wonUnits ?? roundUnits(quotedUnits * rng.uniform(0.8, 1.1), 100);
    this.emit('opportunity.closed', closedMs, {
      opportunity_id: id,
      outcome: won ? 'won' : 'lost',
      amount: moneyString(finalUnits),
    });
  }

  contactCustomers(rng: Random, rep: Rep, day: number, accounts: Customer[]): void {
    if (accounts.length === 0) return;
    const team = this.teams.get(rep.teamId) as TeamSpec;
    const perWeek = rep.spec.role === 'manager' ? 1.5 : team.kind === 'inside' ? 3.6 : 3.0;
    if (!rng.chance(perWeek / 5)) return;
    const atMs = this.businessTime(rng, day);
    if (atMs > this.nowMs) return;
    const customer = rng.weighted(
      accounts,
      accounts.map((c) => Math.sqrt(c.size)),
    );
    const kind =
      team.kind === 'inside'
        ? rng.weighted(['call', 'email', 'demo', 'meeting'], [0.55, 0.3, 0.1, 0.05])
        : rng.weighted(['visit', 'call', 'email', 'meeting', 'demo'], [0.45, 0.28, 0.1, 0.12, 0.05]);
    this.emit('customer.contacted', atMs, {
      customer_id: customer.id,
      rep_id: rep.spec.id,
      kind,
      outcome: rng.weighted(['order_discussed', 'follow_up', 'relationship', 'issue_raised', 'no_answer'], [0.3, 0.3, 0.25, 0.07, 0.08]),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // After the sale: amendments, refunds, surveys

  /** A few orders get corrected the same day (same sale_id, new event: the later one wins). */
  amendSales(): void {
    const rng = this.rng.fork('amendments');
    for (const sale of this.sales) {
      if (sale.lines.length !== 1 || sale.customer.channel === 'online' || !rng.chance(0.005)) continue;
      const atMs = sale.atMs + rng.int(1, 4) * HOUR_MS + rng.int(0, 3599) * 1000;
      if (atMs > this.nowMs || startOfDayUtc(atMs) !== startOfDayUtc(sale.atMs)) continue;
      const line = sale.lines[0] as Line;
      const quantity = Math.max(1, line.quantity + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 2));
      if (quantity === line.quantity) continue;
      const perUnit = line.amountUnits / line.quantity;
      const corrected: Line = {
        product: line.product,
        quantity,
        amountUnits: Math.round(perUnit * quantity),
        costUnits: quantity * unitsOf(line.product.cost),
      };
      sale.lines = [corrected];
      sale.amountUnits = corrected.amountUnits;
      sale.costUnits = corrected.costUnits;
      sale.amended = true;
      this.emit('sale.closed', atMs, this.saleData(sale, sale.lines));
    }
  }

  /** ~3% of sales are refunded, fully or partly, days to weeks later; complaints raise the odds. */
  refundSales(): void {
    const rng = this.rng.fork('refunds');
    for (const sale of this.sales) {
      if (!rng.chance(sale.complaintAtMs !== null ? 0.35 : 0.026)) continue;
      let atMs = this.businessTime(rng, sale.atMs + rng.int(3, 40) * DAY_MS);
      if (sale.complaintAtMs !== null) atMs = Math.max(atMs, this.businessTime(rng, sale.complaintAtMs + rng.int(1, 5) * DAY_MS));
      if (atMs > this.nowMs) continue;
      const goods = sale.lines.every((l) => l.product.category === 'hardware' || l.product.category === 'supplies');
      const data: Record<string, unknown> = { sale_id: sale.id };
      if (rng.chance(0.45)) {
        const fraction = rng.uniform(0.1, 0.6);
        const amountUnits = Math.min(sale.amountUnits, Math.max(100, roundUnits(sale.amountUnits * fraction, 100)));
        data.amount = moneyString(amountUnits);
        if (goods && rng.chance(0.6)) {
          data.cost = moneyString(Math.min(sale.costUnits, roundUnits(sale.costUnits * (amountUnits / sale.amountUnits), 100)));
          data.reason = 'damaged';
        } else {
          data.reason = 'price_adjustment';
        }
      } else {
        const reason = rng.pick(REFUND_REASONS_FULL);
        data.amount = moneyString(sale.amountUnits);
        if (reason !== 'billing_error' && goods) data.cost = moneyString(sale.costUnits);
        data.reason = reason;
      }
      this.emit('sale.refunded', atMs, data);
    }
    // Two refunds of orders closed in the legacy system before go-live: their sales never
    // arrive, so they show up as orphans in the data-quality report.
    for (let i = 1; i <= 2; i++) {
      const atMs = this.businessTime(rng, this.startMs + rng.int(5, 40) * DAY_MS);
      if (atMs > this.nowMs) continue;
      this.emit('sale.refunded', atMs, {
        sale_id: `${LEGACY_SALE_PREFIX}${String(rng.int(1000, 9999))}`,
        amount: moneyString(rng.int(200, 2500) * UNITS),
        reason: 'returned',
      });
    }
  }

  surveyCustomers(): void {
    const rng = this.rng.fork('surveys');
    // CSAT: about one order in eight gets a short survey answer within a week.
    for (const sale of this.sales) {
      if (!rng.chance(0.125)) continue;
      const atMs = sale.atMs + rng.int(1, 6) * DAY_MS + rng.int(0, 8 * 3600) * 1000;
      if (atMs > this.nowMs) continue;
      const rep = this.reps.get(sale.repId) as Rep;
      const mean = 3.3 + 0.8 * rep.service - (sale.complaintAtMs !== null && sale.complaintAtMs < atMs ? 1.3 : 0);
      this.emit(
        'survey.responded',
        atMs,
        { customer_id: sale.customer.id, rep_id: sale.repId, scale: 'csat5', score: clamp(Math.round(rng.normal(mean, 0.75)), 1, 5) },
        SURVEY_OFFSET_MIN,
      );
    }
    // NPS: a relationship survey each quarter, answered by about a third of active customers.
    const { year, month } = yearMonthOf(this.startMs);
    for (let q = monthStartUtc(year, month); q <= this.nowMs; ) {
      const { year: y, month: m } = yearMonthOf(q);
      const surveyMs = q + 40 * DAY_MS;
      for (const c of this.customers) {
        if (c.acquiredMs > surveyMs || c.churnMs <= surveyMs || !rng.chance(0.33)) continue;
        const atMs = surveyMs + rng.int(0, 10) * DAY_MS + rng.int(8 * 3600, 18 * 3600) * 1000;
        if (atMs > this.nowMs) continue;
        const repId = this.ownerAt(c, atMs);
        const rep = this.reps.get(repId) as Rep;
        const mean = 8.0 + 2 * (rep.service - 1) + (c.segment === 'enterprise' ? 0.3 : 0);
        this.emit(
          'survey.responded',
          atMs,
          { customer_id: c.id, rep_id: repId, scale: 'nps10', score: clamp(Math.round(rng.normal(mean, 1.9)), 0, 10) },
          SURVEY_OFFSET_MIN,
        );
      }
      q = monthStartUtc(y, m + 3);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Targets

  /**
   * Planned revenue of one rep for one month, in units. The planner knows who will own which
   * accounts that month (territory plans are made with the org changes in view) but not who will
   * churn, and knows people only roughly: the planned skill is the square root of the real one,
   * so strong reps beat their targets and weak ones miss them.
   */
  expectedRepMonth(rep: Rep, planMs: number, year: number, month: number): number {
    const midMs = monthStartUtc(year, month) + 15 * DAY_MS;
    let units = 0;
    for (const c of this.customers) {
      if (c.acquiredMs > midMs || c.churnMs <= planMs || this.ownerAt(c, midMs) !== rep.spec.id) continue;
      units += c.rate * c.expectedOrderUnits;
    }
    const known = Math.sqrt(rep.skill) * (rep.spec.role === 'manager' ? 0.9 : 1);
    // Expected attrition of the accounts between the plan and the month (~13% a year).
    const survival = Math.exp((-0.13 * Math.max(0, midMs - planMs)) / YEAR_MS);
    return units * (SEASONALITY[month - 1] as number) * this.growth(midMs) * known * survival;
  }

  setRepMonthTarget(repId: string, period: string, units: number): void {
    const map = this.repMonthTargets.get(repId) ?? new Map<string, number>();
    map.set(period, units);
    this.repMonthTargets.set(repId, map);
  }

  emitTarget(atMs: number, scope: 'company' | 'team' | 'rep', scopeId: string | null, metric: string, period: string, value: string | number): void {
    this.emit('target.set', atMs, {
      scope,
      ...(scopeId === null ? {} : { scope_id: scopeId }),
      metric,
      period,
      value,
    });
  }

  /**
   * Targets, in time order: annual planning each December for the next year (for the first,
   * partial year: two weeks before the history starts) with revenue targets per rep, team and
   * company for every month, quarter and year, plus quarterly profit and new-customer targets;
   * then the revisions: a quarterly review that resets some reps' months, a mid-year company
   * reforecast, team re-plans after a move and a new hire's ramped targets.
   */
  setTargets(): void {
    const rng = this.rng.fork('targets');
    const { year: startYear, month: startMonth } = yearMonthOf(this.startMs);
    const { year: nowYear } = yearMonthOf(this.nowMs);
    const actions = [...this.targetActions];
    for (let year = startYear; year <= nowYear + 1; year++) {
      const planMs = year === startYear ? this.startMs - 14 * DAY_MS + 10 * HOUR_MS : Date.UTC(year - 1, 11, 10, 10);
      const firstMonth = year === startYear ? startMonth : 1;
      actions.push({ atMs: planMs, run: () => this.planYear(rng, year, firstMonth, planMs) });
      for (let q = quarterFirstMonth(firstMonth) + 3; q <= 10; q += 3) {
        const reviewMs = monthStartUtc(year, q) + 4 * DAY_MS + 10 * HOUR_MS;
        actions.push({ atMs: reviewMs, run: () => this.reviewQuarter(rng, year, q, reviewMs) });
      }
      const reforecastMs = Date.UTC(year, 6, 10, 10);
      if (firstMonth <= 4) actions.push({ atMs: reforecastMs, run: () => this.reforecast(rng, year, reforecastMs) });
    }
    actions.sort((a, b) => a.atMs - b.atMs);
    for (const action of actions) if (action.atMs <= this.nowMs) action.run();
  }

  planYear(rng: Random, year: number, firstMonth: number, planMs: number): void {
    const stretch = rng.uniform(0.98, 1.05);
    const teamMonth = new Map<string, Map<number, number>>();
    const teamMembers = new Map<string, number>();
    for (const rep of this.reps.values()) {
      if (!this.isActive(rep, planMs)) continue;
      const teamId = this.teamAt(rep, planMs);
      teamMembers.set(teamId, (teamMembers.get(teamId) ?? 0) + 1);
      const months = new Map<number, number>();
      for (let m = firstMonth; m <= 12; m++) {
        if (!this.isActive(rep, monthStartUtc(year, m) + 15 * DAY_MS)) continue;
        const units = roundUnits(this.expectedRepMonth(rep, planMs, year, m) * stretch * rng.uniform(0.95, 1.05), 1000 * UNITS);
        months.set(m, units);
        this.setRepMonthTarget(rep.spec.id, monthLabel(year, m), units);
        const team = teamMonth.get(teamId) ?? new Map<number, number>();
        team.set(m, (team.get(m) ?? 0) + units);
        teamMonth.set(teamId, team);
      }
      this.emitPlan(planMs, 'rep', rep.spec.id, year, firstMonth, months);
      this.emitQuarterlyExtras(planMs, 'rep', rep.spec.id, year, firstMonth, months, rep.spec.role === 'manager' ? 1 : 2);
    }
    const companyMonths = new Map<number, number>();
    for (const [teamId, months] of teamMonth) {
      const rounded = new Map<number, number>();
      for (const [m, units] of months) {
        const r = roundUnits(units, 5000 * UNITS);
        rounded.set(m, r);
        companyMonths.set(m, (companyMonths.get(m) ?? 0) + r);
      }
      this.emitPlan(planMs, 'team', teamId, year, firstMonth, rounded);
      this.emitQuarterlyExtras(planMs, 'team', teamId, year, firstMonth, rounded, (teamMembers.get(teamId) ?? 1) * 2 - 1);
    }
    // The board asks for a little more than the sum of the teams.
    const board = rng.uniform(1.0, 1.03);
    for (const [m, units] of companyMonths) companyMonths.set(m, roundUnits(units * board, 10_000 * UNITS));
    this.emitPlan(planMs, 'company', null, year, firstMonth, companyMonths);
    this.companyPlans.set(year, { firstMonth, months: companyMonths });
  }

  /** Month, quarter (sum of its months) and year (sum of its quarters) revenue targets. */
  emitPlan(atMs: number, scope: 'company' | 'team' | 'rep', scopeId: string | null, year: number, firstMonth: number, months: Map<number, number>): void {
    let yearUnits = 0;
    for (const [m, units] of months) this.emitTarget(atMs, scope, scopeId, 'revenue', monthLabel(year, m), moneyString(units));
    for (let q = quarterFirstMonth(firstMonth); q <= 10; q += 3) {
      if (q < firstMonth || ![q, q + 1, q + 2].some((m) => months.has(m))) continue;
      const units = (months.get(q) ?? 0) + (months.get(q + 1) ?? 0) + (months.get(q + 2) ?? 0);
      yearUnits += units;
      this.emitTarget(atMs, scope, scopeId, 'revenue', quarterLabel(year, q), moneyString(units));
    }
    if (firstMonth === 1) this.emitTarget(atMs, scope, scopeId, 'revenue', String(year), moneyString(yearUnits));
  }

  /** Quarterly profit (about a third of revenue) and new-customer targets, for appraisals. */
  emitQuarterlyExtras(
    atMs: number,
    scope: 'team' | 'rep',
    scopeId: string,
    year: number,
    firstMonth: number,
    months: Map<number, number>,
    newCustomersPerQuarter: number,
  ): void {
    for (let q = quarterFirstMonth(firstMonth); q <= 10; q += 3) {
      if (q < firstMonth || ![q, q + 1, q + 2].some((m) => months.has(m))) continue;
      const revenue = (months.get(q) ?? 0) + (months.get(q + 1) ?? 0) + (months.get(q + 2) ?? 0);
      this.emitTarget(atMs, scope, scopeId, 'profit', quarterLabel(year, q), moneyString(roundUnits(revenue * 0.34, 500 * UNITS)));
      this.emitTarget(atMs, scope, scopeId, 'new_customers', quarterLabel(year, q), Math.max(1, newCustomersPerQuarter));
    }
  }

  /** Quarterly review, a few days into the quarter: about one rep in five gets the quarter reset. */
  reviewQuarter(rng: Random, year: number, q: number, reviewMs: number): void {
    for (const rep of this.reps.values()) {
      const months = this.repMonthTargets.get(rep.spec.id);
      if (!this.isActive(rep, reviewMs) || !months || !rng.chance(0.2)) continue;
      let quarterUnits = 0;
      let any = false;
      const factor = rng.uniform(0.86, 1.08);
      for (let m = q; m < q + 3; m++) {
        const current = months.get(monthLabel(year, m));
        if (current === undefined) continue;
        any = true;
        const units = roundUnits(current * factor, 1000 * UNITS);
        quarterUnits += units;
        this.setRepMonthTarget(rep.spec.id, monthLabel(year, m), units);
        this.emitTarget(reviewMs, 'rep', rep.spec.id, 'revenue', monthLabel(year, m), moneyString(units));
      }
      if (any) this.emitTarget(reviewMs, 'rep', rep.spec.id, 'revenue', quarterLabel(year, q), moneyString(quarterUnits));
    }
  }

  /** Mid-year reforecast of the company's second half (and of the year, when it was planned whole). */
  reforecast(rng: Random, year: number, atMs: number): void {
    const plan = this.companyPlans.get(year);
    if (!plan) return;
    const factor = rng.uniform(0.95, 1.05);
    let yearUnits = 0;
    for (let q = quarterFirstMonth(plan.firstMonth); q <= 10; q += 3) {
      let units = (plan.months.get(q) ?? 0) + (plan.months.get(q + 1) ?? 0) + (plan.months.get(q + 2) ?? 0);
      if (q >= 7) {
        units = roundUnits(units * factor, 10_000 * UNITS);
        this.emitTarget(atMs, 'company', null, 'revenue', quarterLabel(year, q), moneyString(units));
      }
      yearUnits += units;
    }
    if (plan.firstMonth === 1) this.emitTarget(atMs, 'company', null, 'revenue', String(year), moneyString(yearUnits));
  }

  /** After a move, both teams' remaining months are re-planned from their members' targets. */
  replanTeams(teamIds: string[], atMs: number): void {
    if (atMs > this.nowMs) return;
    const { year, month } = yearMonthOf(atMs);
    const from = new Date(atMs).getUTCDate() <= 15 ? month : month + 1;
    for (const teamId of teamIds) {
      const members = [...this.reps.values()].filter((r) => this.teamAt(r, atMs) === teamId && this.isActive(r, atMs));
      for (let m = from; m <= 12; m++) {
        let units = 0;
        for (const rep of members) units += this.repMonthTargets.get(rep.spec.id)?.get(monthLabel(year, m)) ?? 0;
        if (units > 0) this.emitTarget(atMs, 'team', teamId, 'revenue', monthLabel(year, m), moneyString(roundUnits(units, 5000 * UNITS)));
      }
    }
  }

  /** A new hire gets ramped targets for the rest of the year: 40%, 70%, then 100% of a teammate's. */
  planNewHire(rep: Rep, atMs: number): void {
    if (atMs > this.nowMs) return;
    const { year, month: hireMonth } = yearMonthOf(atMs);
    // Quota starts with the hire month when they join in its first half, else the next month.
    const month = new Date(atMs).getUTCDate() <= 15 ? hireMonth : hireMonth + 1;
    const teamId = this.teamAt(rep, atMs);
    const peers = [...this.reps.values()].filter(
      (r) => r !== rep && r.spec.role === 'rep' && this.teamAt(r, atMs) === teamId && this.isActive(r, atMs),
    );
    const quarters = new Map<number, number>();
    for (let m = month; m <= 12; m++) {
      const label = monthLabel(year, m);
      const peerUnits = peers.map((p) => this.repMonthTargets.get(p.spec.id)?.get(label) ?? 0).filter((u) => u > 0);
      if (peerUnits.length === 0) continue;
      const ramp = [0.4, 0.7][m - month] ?? 1;
      const units = roundUnits((ramp * peerUnits.reduce((a, b) => a + b, 0)) / peerUnits.length, 1000 * UNITS);
      this.setRepMonthTarget(rep.spec.id, label, units);
      this.emitTarget(atMs, 'rep', rep.spec.id, 'revenue', label, moneyString(units));
      const q = quarterFirstMonth(m);
      quarters.set(q, (quarters.get(q) ?? 0) + units);
    }
    for (const [q, units] of quarters) this.emitTarget(atMs, 'rep', rep.spec.id, 'revenue', quarterLabel(year, q), moneyString(units));
  }

  // ---------------------------------------------------------------------------------------------
  // Market and feedback

  /**
   * An outside research firm sizes the market: monthly (about two weeks after the month),
   * quarterly with regional and segment splits, and yearly (a preliminary estimate in February,
   * the final figure the next January). The market grows slower than the company.
   */
  sizeMarkets(): void {
    const rng = this.rng.fork('market');
    const { year: y0, month: m0 } = yearMonthOf(this.startMs);
    // Calibrate: the company starts at ~6.8% of its market.
    let firstMonthPlan = 0;
    for (const rep of this.reps.values()) if (this.isActive(rep, this.startMs)) firstMonthPlan += this.expectedRepMonth(rep, this.startMs, y0, m0);
    const baseUnits = firstMonthPlan / (SEASONALITY[m0 - 1] as number) / 0.068;
    const monthUnits = (year: number, month: number) =>
      baseUnits *
      (SEASONALITY[month - 1] as number) *
      (1 + MARKET_GROWTH_PER_YEAR) ** ((monthStartUtc(year, month) - this.startMs) / YEAR_MS);

    const { year: nowYear, month: nowMonth } = yearMonthOf(this.nowMs);
    const quarters = new Map<string, number>();
    for (const { year, month } of monthsBetween(y0, m0, nowYear, nowMonth)) {
      const units = roundUnits(monthUnits(year, month) * rng.uniform(0.97, 1.03), 10_000 * UNITS);
      const q = quarterLabel(year, month);
      quarters.set(q, (quarters.get(q) ?? 0) + units);
      const atMs = monthStartUtc(year, month + 1) + rng.int(10, 18) * DAY_MS + 9 * HOUR_MS;
      if (atMs <= this.nowMs) this.emit('market.sized', atMs, { period: monthLabel(year, month), amount: moneyString(units) });
    }
    const regionShare: Record<Region, number> = { north: 0.3, south: 0.24, east: 0.27, west: 0.19 };
    const segmentShare: Record<Segment, number> = { enterprise: 0.46, mid_market: 0.34, smb: 0.2 };
    for (const [label, units] of quarters) {
      const year = Number(label.slice(0, 4));
      const q = Number(label.slice(6));
      const atMs = monthStartUtc(year, q * 3 + 1) + rng.int(20, 30) * DAY_MS + 9 * HOUR_MS;
      if (atMs > this.nowMs) continue;
      const total = roundUnits(units * rng.uniform(0.99, 1.01), 100_000 * UNITS);
      this.emit('market.sized', atMs, { period: label, amount: moneyString(total) });
      for (const region of REGIONS) {
        const part = roundUnits(total * regionShare[region] * rng.uniform(0.97, 1.03), 10_000 * UNITS);
        this.emit('market.sized', atMs, { period: label, amount: moneyString(part), region });
      }
      for (const segment of SEGMENTS) {
        const part = roundUnits(total * segmentShare[segment] * rng.uniform(0.97, 1.03), 10_000 * UNITS);
        this.emit('market.sized', atMs, { period: label, amount: moneyString(part), segment });
      }
    }
    for (let year = y0; year <= nowYear; year++) {
      let units = 0;
      for (let m = 1; m <= 12; m++) units += monthUnits(year, m);
      const preliminaryMs = Math.max(Date.UTC(year, 1, 1, 9), this.startMs - 10 * DAY_MS);
      if (preliminaryMs <= this.nowMs) {
        this.emit('market.sized', preliminaryMs, { period: String(year), amount: moneyString(roundUnits(units * rng.uniform(0.94, 1.06), 1_000_000 * UNITS)) });
      }
      const finalMs = Date.UTC(year + 1, 0, 20, 9);
      if (finalMs <= this.nowMs) {
        this.emit('market.sized', finalMs, { period: String(year), amount: moneyString(roundUnits(units * rng.uniform(0.99, 1.01), 100_000 * UNITS)) });
      }
    }
  }

  /** A quarterly anonymous pulse: no person's id, only the team, a topic, a score, a comment. */
  collectFeedback(): void {
    const rng = this.rng.fork('feedback');
    const { year, month } = yearMonthOf(this.startMs);
    for (let q = monthStartUtc(year, month); q <= this.nowMs; ) {
      const pulseMs = q + 50 * DAY_MS;
      for (const rep of this.reps.values()) {
        if (!this.isActive(rep, pulseMs) || !rng.chance(0.8)) continue;
        const topics: (typeof FEEDBACK_TOPICS)[number][] = [];
        for (let k = rng.int(1, 3); topics.length < k; ) {
          const topic = rng.pick(FEEDBACK_TOPICS);
          if (!topics.includes(topic)) topics.push(topic);
        }
        for (const topic of topics) {
          const atMs = this.businessTime(rng, pulseMs + rng.int(0, 6) * DAY_MS);
          if (atMs > this.nowMs) continue;
          const data: Record<string, unknown> = {
            topic,
            team_id: this.teamAt(rep, pulseMs),
            score: clamp(Math.round(rng.normal(topic === 'tools' ? 3.0 : 3.7, 0.9)), 1, 5),
          };
          if (rng.chance(0.45)) data.comment = rng.pick(FEEDBACK_COMMENTS[topic]);
          this.emit('feedback.submitted', atMs, data);
        }
      }
      const { year: y, month: m } = yearMonthOf(q);
      q = monthStartUtc(y, m + 3);
    }
  }

  // ---------------------------------------------------------------------------------------------

  finish(): DemoEvent[] {
    this.drafts.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    return this.drafts.map((d, i) => ({
      id: `evt_demo_${String(i + 1).padStart(6, '0')}`,
      type: d.type,
      occurred_at: rfc3339(d.atMs, d.offsetMinutes),
      data: d.data,
    }));
  }
}

function sumUnits(lines: readonly Line[]): number {
  return lines.reduce((s, l) => s + l.amountUnits, 0);
}

// -----------------------------------------------------------------------------------------------
// Summary and command line

/** Parse a money value of a demo event (string or number) to units, exactly. */
export function moneyUnits(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : String(value);
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  if (!match) throw new Error(`not a demo money value: ${text}`);
  return Number(match[1]) * UNITS + Number((match[2] ?? '').padEnd(4, '0'));
}

export interface DemoSummary {
  events: number;
  from: string;
  to: string;
  byType: Record<string, number>;
  teams: number;
  reps: number;
  buyingCustomers: number;
  /** Gross revenue, refunds and cost by calendar year, in currency (from the latest version of each sale). */
  byYear: Record<string, { revenue: string; refunds: string; margin: string }>;
}

/** Counts and money totals of a generated history, for a quick look. */
export function summarizeDemo(events: readonly DemoEvent[]): DemoSummary {
  const byType: Record<string, number> = {};
  const sales = new Map<string, { year: string; amount: number; cost: number; customer: string }>();
  const refunds: { year: string; amount: number; cost: number }[] = [];
  const teams = new Set<string>();
  const reps = new Set<string>();
  for (const e of events) {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    const d = e.data;
    if (e.type === 'team.upserted') teams.add(String(d.team_id));
    if (e.type === 'rep.upserted') reps.add(String(d.rep_id));
    if (e.type === 'sale.closed') {
      const lines = (d.lines as { amount: unknown; cost: unknown }[] | undefined) ?? [{ amount: d.amount, cost: d.cost }];
      sales.set(String(d.sale_id), {
        year: e.occurred_at.slice(0, 4),
        amount: lines.reduce((s, l) => s + moneyUnits(l.amount), 0),
        cost: lines.reduce((s, l) => s + moneyUnits(l.cost), 0),
        customer: String(d.customer_id),
      });
    }
    if (e.type === 'sale.refunded' && sales.has(String(d.sale_id))) {
      refunds.push({ year: e.occurred_at.slice(0, 4), amount: moneyUnits(d.amount), cost: d.cost === undefined ? 0 : moneyUnits(d.cost) });
    }
  }
  const years: Record<string, { revenue: number; refunds: number; cost: number }> = {};
  const year = (y: string) => (years[y] ??= { revenue: 0, refunds: 0, cost: 0 });
  for (const s of sales.values()) {
    year(s.year).revenue += s.amount;
    year(s.year).cost += s.cost;
  }
  for (const r of refunds) {
    year(r.year).refunds += r.amount;
    year(r.year).cost -= r.cost;
  }
  const byYear: DemoSummary['byYear'] = {};
  for (const [y, t] of Object.entries(years).sort()) {
    const net = t.revenue - t.refunds;
    byYear[y] = {
      revenue: moneyString(t.revenue),
      refunds: moneyString(t.refunds),
      margin: net > 0 ? ((net - t.cost) / net).toFixed(3) : 'n/a',
    };
  }
  return {
    events: events.length,
    from: events[0]?.occurred_at ?? '',
    to: events[events.length - 1]?.occurred_at ?? '',
    byType,
    teams: teams.size,
    reps: reps.size,
    buyingCustomers: new Set([...sales.values()].map((s) => s.customer)).size,
    byYear,
  };
}

/** `--name value` as a positive integer, or undefined when absent. */
function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

/**
 * The generator options of command-line flags shared by the scripts that generate a company:
 * `--seed N`, `--now ISO`, `--teams N --reps N` (a {@link scaledCast}; both or neither) and
 * `--years Y` (history length, in 12-month steps; may be fractional, e.g. 1.5).
 */
export function demoOptionsFromArgs(values: { seed?: string; now?: string; teams?: string; reps?: string; years?: string }): DemoCompanyOptions {
  const options: DemoCompanyOptions = {};
  if (values.seed !== undefined) {
    options.seed = Number(values.seed);
    if (!Number.isInteger(options.seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  }
  if (values.now !== undefined) options.now = values.now;
  const teams = positiveInt('teams', values.teams);
  const reps = positiveInt('reps', values.reps);
  if ((teams === undefined) !== (reps === undefined)) throw new Error('--teams and --reps go together');
  if (teams !== undefined && reps !== undefined) options.cast = scaledCast(teams, reps);
  if (values.years !== undefined) {
    const years = Number(values.years);
    if (!(years > 0) || !Number.isFinite(years)) throw new Error(`--years must be a positive number, got ${values.years}`);
    options.historyMonths = Math.max(1, Math.round(years * 12));
  }
  return options;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      now: { type: 'string' },
      teams: { type: 'string' },
      reps: { type: 'string' },
      years: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node scripts/demo/generate.ts [--seed N] [--now ISO-8601] [--teams N --reps N] [--years Y] [--out events.jsonl]');
    return;
  }
  const options = demoOptionsFromArgs(values);
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const started = performance.now();
  const events = generateDemoCompany({ ...options, seed, now: options.now ?? new Date() });
  const ms = performance.now() - started;
  if (values.out) {
    writeFileSync(values.out, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    console.log(`wrote ${events.length} events to ${values.out}`);
  }
  console.log(JSON.stringify({ seed, generatedInMs: Math.round(ms), ...summarizeDemo(events) }, null, 2));
}

if (import.meta.main) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
