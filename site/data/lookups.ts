/**
 * Look-ups beyond KPI rows: names, team members, target versions, pacing rows, and where the
 * snapshot's history starts. Pure.
 */
import type { PacingRow, Scope, Snapshot, SnapshotRep, SnapshotTeam, TargetVersionRow } from '../../shared/snapshot.ts';
import { companyRows } from './kpi-rows.ts';
import { periodDayLabels } from './period.ts';

// Look-up maps, built once per snapshot (a build reads one snapshot and renders thousands of
// pages from it, so nothing here scans the snapshot's arrays per page).
interface LookupIndex {
  teams: Map<string, SnapshotTeam>;
  reps: Map<string, SnapshotRep>;
  /** Reps by current team, sorted by name. */
  members: Map<string, SnapshotRep[]>;
  /** The current target version of (scope, id, metric, period): the last marked current. */
  targets: Map<string, TargetVersionRow>;
  /** The first pacing row of (scope, id, grain, period). */
  pacing: Map<string, PacingRow>;
}

const lookupIndexes = new WeakMap<Snapshot, LookupIndex>();

const key = (...parts: (string | null)[]): string => parts.map((p) => p ?? '\u0001').join('\u0000');

function lookupIndex(snapshot: Snapshot): LookupIndex {
  let index = lookupIndexes.get(snapshot);
  if (index) return index;
  const teams = new Map<string, SnapshotTeam>();
  for (const team of snapshot.teams) if (!teams.has(team.team_id)) teams.set(team.team_id, team);
  const reps = new Map<string, SnapshotRep>();
  const members = new Map<string, SnapshotRep[]>();
  for (const rep of snapshot.reps) {
    if (!reps.has(rep.rep_id)) reps.set(rep.rep_id, rep);
    if (rep.team_id === null) continue;
    const list = members.get(rep.team_id);
    if (list) list.push(rep);
    else members.set(rep.team_id, [rep]);
  }
  for (const list of members.values()) list.sort(byName);
  const targets = new Map<string, TargetVersionRow>();
  for (const target of snapshot.targets) {
    if (target.current) targets.set(key(target.scope, target.id, target.metric, target.period), target);
  }
  const pacing = new Map<string, PacingRow>();
  for (const row of snapshot.pacing) {
    const k = key(row.scope, row.id, row.grain, row.period);
    if (!pacing.has(k)) pacing.set(k, row);
  }
  index = { teams, reps, members, targets, pacing };
  lookupIndexes.set(snapshot, index);
  return index;
}

/** The team with this id, or undefined. */
export function findTeam(snapshot: Snapshot, teamId: string): SnapshotTeam | undefined {
  return lookupIndex(snapshot).teams.get(teamId);
}

/** The rep with this id, or undefined. */
export function findRep(snapshot: Snapshot, repId: string): SnapshotRep | undefined {
  return lookupIndex(snapshot).reps.get(repId);
}

/** A team's name, or its id when the snapshot does not name it. */
export function teamName(snapshot: Snapshot, teamId: string): string {
  return findTeam(snapshot, teamId)?.name || teamId;
}

/** A rep's name, or their id when the snapshot does not name them. */
export function repName(snapshot: Snapshot, repId: string): string {
  return findRep(snapshot, repId)?.name || repId;
}

/**
 * The reps whose current team (as of the snapshot's `as_of`) is `teamId`, by name.
 *
 * @example repsOfTeam(snapshot, 'team_east').map((r) => r.rep_id) // ['rep_ana', 'rep_ben']
 */
export function repsOfTeam(snapshot: Snapshot, teamId: string): SnapshotRep[] {
  return [...(lookupIndex(snapshot).members.get(teamId) ?? [])];
}

/** Teams sorted by name (then id). */
export function teamsByName(snapshot: Snapshot): SnapshotTeam[] {
  return [...snapshot.teams].sort((a, b) => a.name.localeCompare(b.name, 'en') || compare(a.team_id, b.team_id));
}

/** Reps sorted by name (then id). */
export function repsByName(snapshot: Snapshot): SnapshotRep[] {
  return [...snapshot.reps].sort(byName);
}

function byName(a: SnapshotRep, b: SnapshotRep): number {
  return a.name.localeCompare(b.name, 'en') || compare(a.rep_id, b.rep_id);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The target version in force for (scope, id, metric, period): the one marked `current`, or
 * undefined when none was set.
 *
 * @example currentTarget(snapshot, 'company', null, 'new_customers', '2026-11')?.value // 8
 */
export function currentTarget(
  snapshot: Snapshot,
  scope: Scope,
  id: string | null,
  metric: TargetVersionRow['metric'],
  period: string,
): TargetVersionRow | undefined {
  return lookupIndex(snapshot).targets.get(key(scope, id, metric, period));
}

/** The pacing row of (scope, id, grain, period), or undefined (no target, or the period is not running). */
export function findPacing(
  snapshot: Snapshot,
  scope: Scope,
  id: string | null,
  grain: PacingRow['grain'],
  period: string,
): PacingRow | undefined {
  return lookupIndex(snapshot).pacing.get(key(scope, id, grain, period));
}

/**
 * The first day the snapshot has figures for: the first day of its earliest company day or
 * month row; null when it has none. A period before it is "before the snapshot's history",
 * which is not the same as a period without activity.
 *
 * @example historyStart(fixture) // '2026-07-01'
 */
export function historyStart(snapshot: Snapshot): string | null {
  let start = starts.get(snapshot);
  if (start === undefined) {
    start = firstDay(snapshot);
    starts.set(snapshot, start);
  }
  return start;
}

const starts = new WeakMap<Snapshot, string | null>();

function firstDay(snapshot: Snapshot): string | null {
  const firsts: string[] = [];
  const day = companyRows(snapshot, 'day')[0];
  if (day) firsts.push(day.period);
  const month = companyRows(snapshot, 'month')[0];
  if (month) firsts.push(`${month.period}-01`);
  const week = companyRows(snapshot, 'week')[0];
  if (week) firsts.push(periodDayLabels(week.period)[0]!);
  firsts.sort();
  return firsts[0] ?? null;
}

/**
 * True when a period ends before the snapshot's history starts, so its figures are unknown
 * rather than 0. (A period holding the first day is inside the history: its earlier days had no
 * activity.)
 *
 * @example beforeHistory(fixture, '2025-11') // true
 * @example beforeHistory(fixture, '2026-07') // false
 */
export function beforeHistory(snapshot: Snapshot, period: string): boolean {
  const start = historyStart(snapshot);
  return start !== null && periodDayLabels(period).at(-1)! < start;
}
