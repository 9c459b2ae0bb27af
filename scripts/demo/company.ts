/**
 * The fixed cast of the demo company: teams, people, products and the shape of the year. Pure
 * data, so the generator reads as the story it tells.
 *
 * "Northwind Office Supply" sells hardware, software, services and supplies to businesses through
 * four regional field teams and an inside/online team.
 */

export type Region = 'north' | 'south' | 'east' | 'west';
export type Segment = 'enterprise' | 'mid_market' | 'smb';
export type Channel = 'field' | 'partner' | 'inside' | 'online';
export type Category = 'hardware' | 'software' | 'services' | 'supplies';

export const REGIONS: readonly Region[] = ['north', 'south', 'east', 'west'];
export const SEGMENTS: readonly Segment[] = ['enterprise', 'mid_market', 'smb'];
export const CATEGORIES: readonly Category[] = ['hardware', 'software', 'services', 'supplies'];

export interface TeamSpec {
  id: string;
  name: string;
  /** Field teams own one region; the inside team sells to small customers everywhere. */
  region: Region | null;
  kind: 'field' | 'inside';
  /** A later name, given midway through the history (a `team.upserted` for the same id). */
  renamedTo?: string;
}

export const TEAMS: readonly TeamSpec[] = [
  { id: 'team_north', name: 'North Field', region: 'north', kind: 'field' },
  { id: 'team_south', name: 'South Field', region: 'south', kind: 'field' },
  { id: 'team_east', name: 'East Field', region: 'east', kind: 'field' },
  { id: 'team_west', name: 'West Field', region: 'west', kind: 'field' },
  { id: 'team_inside', name: 'Inside Sales', region: null, kind: 'inside', renamedTo: 'Inside & Online Sales' },
];

export interface RepSpec {
  id: string;
  name: string;
  teamId: string;
  role: 'rep' | 'manager';
}

/** Everyone on day one. The first person of each team is its manager (who also sells a little). */
export const REPS: readonly RepSpec[] = [
  { id: 'rep_01', name: 'Grace Okafor', teamId: 'team_north', role: 'manager' },
  { id: 'rep_02', name: 'Liam Becker', teamId: 'team_north', role: 'rep' },
  { id: 'rep_03', name: 'Sofia Marin', teamId: 'team_north', role: 'rep' },
  { id: 'rep_04', name: 'Noah Lindqvist', teamId: 'team_north', role: 'rep' },
  { id: 'rep_05', name: 'Amara Nwosu', teamId: 'team_south', role: 'manager' },
  { id: 'rep_06', name: 'Diego Alvarez', teamId: 'team_south', role: 'rep' },
  { id: 'rep_07', name: 'Hannah Kim', teamId: 'team_south', role: 'rep' },
  { id: 'rep_08', name: 'Mateo Rossi', teamId: 'team_south', role: 'rep' },
  { id: 'rep_09', name: 'Priya Raman', teamId: 'team_east', role: 'manager' },
  { id: 'rep_10', name: 'Oliver Grant', teamId: 'team_east', role: 'rep' },
  { id: 'rep_11', name: 'Yuki Tanaka', teamId: 'team_east', role: 'rep' },
  { id: 'rep_12', name: 'Chloe Dubois', teamId: 'team_east', role: 'rep' },
  { id: 'rep_13', name: 'Samuel Osei', teamId: 'team_east', role: 'rep' },
  { id: 'rep_14', name: 'Elena Petrova', teamId: 'team_west', role: 'manager' },
  { id: 'rep_15', name: 'Marcus Webb', teamId: 'team_west', role: 'rep' },
  { id: 'rep_16', name: 'Aisha Rahman', teamId: 'team_west', role: 'rep' },
  { id: 'rep_17', name: 'Tomás Silva', teamId: 'team_west', role: 'rep' },
  { id: 'rep_18', name: 'Julia Novak', teamId: 'team_inside', role: 'manager' },
  { id: 'rep_19', name: 'Ethan Brooks', teamId: 'team_inside', role: 'rep' },
  { id: 'rep_20', name: 'Mei Lin', teamId: 'team_inside', role: 'rep' },
  { id: 'rep_21', name: 'Kwame Mensah', teamId: 'team_inside', role: 'rep' },
];

/**
 * What happens to the organisation, at a fraction of the history span: two people change team,
 * one leaves, one joins (and ramps up over three months).
 */
export type OrgChangeSpec =
  | { kind: 'move'; at: number; repId: string; toTeamId: string }
  | { kind: 'leave'; at: number; repId: string }
  | { kind: 'hire'; at: number; rep: RepSpec }
  | { kind: 'rename'; at: number; teamId: string };

export const ORG_CHANGES: readonly OrgChangeSpec[] = [
  { kind: 'move', at: 0.38, repId: 'rep_13', toTeamId: 'team_west' },
  { kind: 'rename', at: 0.5, teamId: 'team_inside' },
  { kind: 'leave', at: 0.52, repId: 'rep_03' },
  { kind: 'hire', at: 0.58, rep: { id: 'rep_22', name: 'Ines Carvalho', teamId: 'team_north', role: 'rep' } },
  { kind: 'move', at: 0.7, repId: 'rep_21', toTeamId: 'team_south' },
];

/** How many customers each team starts with in the default cast (about nine per person). */
export const CUSTOMERS_PER_TEAM: Readonly<Record<string, number>> = { team_north: 38, team_south: 36, team_east: 42, team_west: 32, team_inside: 44 };

/** Everything about the organisation the generator takes as given: who, where, and what happens to them. */
export interface DemoCast {
  teams: readonly TeamSpec[];
  reps: readonly RepSpec[];
  orgChanges: readonly OrgChangeSpec[];
  /** Customers each team starts with. */
  customersPerTeam: Readonly<Record<string, number>>;
}

/** The default cast: five teams, 21 people on day one (22 with the later hire). */
export const DEFAULT_CAST: DemoCast = { teams: TEAMS, reps: REPS, orgChanges: ORG_CHANGES, customersPerTeam: CUSTOMERS_PER_TEAM };

const FIRST_NAMES = REPS.map((r) => r.name.split(' ')[0] as string);
const LAST_NAMES = REPS.map((r) => r.name.split(' ').slice(1).join(' '));

/**
 * A larger organisation of the same shape, for benchmarks: `teamCount` teams cycling through the
 * default cast's four regional field teams and one inside team (`team_north_02`, ...), and
 * `repCount` people dealt round robin to them (the first of each team is its manager), each team
 * starting with about nine customers per person. The default cast's org changes happen once per
 * five teams (a move, a rename, a departure, a hire). Ids and names are deterministic.
 *
 * @example
 * scaledCast(20, 200).reps.length; // 200 (plus 4 hires later in the history)
 */
export function scaledCast(teamCount: number, repCount: number): DemoCast {
  if (!Number.isInteger(teamCount) || teamCount < 1) throw new Error(`scaledCast: teams must be a positive integer, got ${teamCount}`);
  if (!Number.isInteger(repCount) || repCount < 2 * teamCount) {
    throw new Error(`scaledCast: reps must be an integer of at least 2 per team (${2 * teamCount}), got ${repCount}`);
  }
  const teams: TeamSpec[] = [];
  for (let i = 0; i < teamCount; i++) {
    const base = TEAMS[i % TEAMS.length] as TeamSpec;
    const round = Math.floor(i / TEAMS.length) + 1;
    const suffix = String(round).padStart(2, '0');
    teams.push({
      ...base,
      id: `${base.id}_${suffix}`,
      name: `${base.name} ${round}`,
      ...(base.renamedTo ? { renamedTo: `${base.renamedTo} ${round}` } : {}),
    });
  }
  const width = String(repCount + teamCount).length < 3 ? 3 : String(repCount + teamCount).length;
  const repId = (n: number) => `rep_${String(n).padStart(width, '0')}`;
  const personName = (n: number) => {
    const first = FIRST_NAMES[n % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length] as string;
    return `${first} ${last}`;
  };
  const members = new Map<string, RepSpec[]>(teams.map((t) => [t.id, []]));
  const reps: RepSpec[] = [];
  for (let n = 0; n < repCount; n++) {
    const team = teams[n % teamCount] as TeamSpec;
    const list = members.get(team.id) as RepSpec[];
    const spec: RepSpec = { id: repId(n + 1), name: personName(n), teamId: team.id, role: list.length === 0 ? 'manager' : 'rep' };
    list.push(spec);
    reps.push(spec);
  }
  // The default story once per group of five teams: someone from the group's 5th team moves to
  // its 3rd, the inside team is renamed, someone leaves the 1st team and someone joins it.
  const orgChanges: OrgChangeSpec[] = [];
  let hired = repCount;
  for (let g = 0; g * TEAMS.length < teamCount; g++) {
    const group = teams.slice(g * TEAMS.length, (g + 1) * TEAMS.length);
    const first = group[0] as TeamSpec;
    const firstReps = (members.get(first.id) as RepSpec[]).filter((r) => r.role === 'rep');
    const leaver = firstReps[1] ?? firstReps[0];
    const inside = group.find((t) => t.renamedTo);
    const from = group[4];
    const to = group[2];
    const mover = from ? (members.get(from.id) as RepSpec[]).filter((r) => r.role === 'rep').at(-1) : undefined;
    if (mover && to) orgChanges.push({ kind: 'move', at: 0.38, repId: mover.id, toTeamId: to.id });
    if (inside) orgChanges.push({ kind: 'rename', at: 0.5, teamId: inside.id });
    if (leaver && firstReps.length > 1) orgChanges.push({ kind: 'leave', at: 0.52, repId: leaver.id });
    hired++;
    orgChanges.push({ kind: 'hire', at: 0.58, rep: { id: repId(hired), name: personName(hired - 1), teamId: first.id, role: 'rep' } });
  }
  orgChanges.sort((a, b) => a.at - b.at);
  const customersPerTeam = Object.fromEntries(teams.map((t) => [t.id, Math.round(9 * (members.get(t.id) as RepSpec[]).length)]));
  return { teams, reps, orgChanges, customersPerTeam };
}

export interface Product {
  id: string;
  category: Category;
  /** List price and unit cost in whole currency (converted to units once). */
  price: number;
  cost: number;
  /** Typical quantity per order line for a customer of size 1. */
  baseQuantity: number;
}

/** Margins by category: hardware ~20-30%, supplies ~30-55%, services ~40-50%, software ~60-70%. */
export const PRODUCTS: readonly Product[] = [
  { id: 'prd_laptop_pro', category: 'hardware', price: 1499.0, cost: 1185.0, baseQuantity: 2 },
  { id: 'prd_monitor_27', category: 'hardware', price: 329.9, cost: 239.5, baseQuantity: 3 },
  { id: 'prd_dock_usb4', category: 'hardware', price: 219.0, cost: 151.25, baseQuantity: 3 },
  { id: 'prd_printer_mfp', category: 'hardware', price: 899.0, cost: 655.0, baseQuantity: 1 },
  { id: 'prd_suite_license', category: 'software', price: 240.0, cost: 91.2, baseQuantity: 8 },
  { id: 'prd_security_seat', category: 'software', price: 84.0, cost: 29.4, baseQuantity: 10 },
  { id: 'prd_backup_tb', category: 'software', price: 19.95, cost: 6.12, baseQuantity: 12 },
  { id: 'prd_install_day', category: 'services', price: 980.0, cost: 540.0, baseQuantity: 1 },
  { id: 'prd_support_plan', category: 'services', price: 1850.0, cost: 1090.0, baseQuantity: 1 },
  { id: 'prd_training_seat', category: 'services', price: 145.0, cost: 74.5, baseQuantity: 4 },
  { id: 'prd_toner_xl', category: 'supplies', price: 89.9, cost: 56.3, baseQuantity: 4 },
  { id: 'prd_paper_case', category: 'supplies', price: 42.5, cost: 29.75, baseQuantity: 6 },
  { id: 'prd_cable_kit', category: 'supplies', price: 24.99, cost: 11.2, baseQuantity: 5 },
];

/** Demand by calendar month (Jan..Dec): a January dip, a summer lull, a strong fourth quarter. */
export const SEASONALITY: readonly number[] = [0.84, 0.9, 1.02, 0.98, 1.03, 0.95, 0.83, 0.8, 1.06, 1.1, 1.18, 1.26];

/** Yearly growth of existing accounts' demand (new accounts and churn come on top). */
export const ACCOUNT_GROWTH_PER_YEAR = 0.1;

/** Yearly growth of the whole market (slower than ours: market share rises). */
export const MARKET_GROWTH_PER_YEAR = 0.045;

export const REFUND_REASONS_FULL = ['returned', 'cancelled', 'billing_error'] as const;
export const FEEDBACK_TOPICS = ['workload', 'tools', 'targets', 'management', 'recognition'] as const;
export const FEEDBACK_COMMENTS: Record<(typeof FEEDBACK_TOPICS)[number], readonly string[]> = {
  workload: ['Too many admin tasks eat into selling time.', 'Quarter end is hectic but manageable.', 'Territory is too big to visit everyone.'],
  tools: ['The CRM is slow on mobile.', 'Quote templates save a lot of time.', 'We need better product data in the CRM.'],
  targets: ['Targets feel achievable this quarter.', 'The new-customer target is hard in my territory.', 'Target revisions came too late.'],
  management: ['Weekly one-to-ones are really useful.', 'More coaching on large deals, please.', 'Clear priorities from the team lead.'],
  recognition: ['Wins get celebrated in the team call.', 'Commission statements are hard to read.', 'Good work is noticed.'],
};
