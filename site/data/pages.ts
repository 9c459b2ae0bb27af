/**
 * Which pages a snapshot has, enumerated from the snapshot (never discovered by crawling):
 * every team named in the snapshot or with KPI rows, every week a team has a week row for,
 * every rep. Pure; used by the pages' getStaticPaths and the CSV downloads.
 */
import type { Snapshot } from '../../shared/snapshot.ts';
import { seriesRows } from './kpi-rows.ts';
import { pathSegments } from './slug.ts';

// The lists are read by several routes' getStaticPaths and the CSV list; each is worked out
// once per snapshot (the extra ids need a pass over every KPI row). Callers get a copy.
const memo = new WeakMap<Snapshot, Map<string, unknown>>();

function once<T>(snapshot: Snapshot, name: string, compute: () => T): T {
  let cache = memo.get(snapshot);
  if (!cache) {
    cache = new Map();
    memo.set(snapshot, cache);
  }
  if (!cache.has(name)) cache.set(name, compute());
  return cache.get(name) as T;
}

/** Team ids: the snapshot's teams, then any other team with KPI rows (code-point order). */
export function teamIds(snapshot: Snapshot): string[] {
  return [...once(snapshot, 'teams', () => findTeamIds(snapshot))];
}

function findTeamIds(snapshot: Snapshot): string[] {
  const ids = new Set(snapshot.teams.map((team) => team.team_id));
  const extra = new Set<string>();
  for (const row of snapshot.kpis) if (row.scope === 'team' && !ids.has(row.id!)) extra.add(row.id!);
  const all = [...ids, ...[...extra].sort()];
  pathSegments(all); // throws when two ids would share a page
  return all;
}

/** Rep ids: the snapshot's reps, then any other rep with KPI rows. */
export function repIds(snapshot: Snapshot): string[] {
  return [...once(snapshot, 'reps', () => findRepIds(snapshot))];
}

function findRepIds(snapshot: Snapshot): string[] {
  const ids = new Set(snapshot.reps.map((rep) => rep.rep_id));
  const extra = new Set<string>();
  for (const row of snapshot.kpis) if (row.scope === 'rep' && !ids.has(row.id!)) extra.add(row.id!);
  const all = [...ids, ...[...extra].sort()];
  pathSegments(all);
  return all;
}

/**
 * Every (team, week) with a team week row: the weekly pages.
 *
 * @example teamWeekPages(fixture) // [{ teamId: 'team_east', week: '2026-W47' }, ...]
 */
export function teamWeekPages(snapshot: Snapshot): { teamId: string; week: string }[] {
  const pages = once(snapshot, 'teamWeeks', () =>
    teamIds(snapshot).flatMap((teamId) => seriesRows(snapshot, 'team', teamId, 'week').map((row) => ({ teamId, week: row.period }))),
  );
  return pages.map((page) => ({ ...page }));
}
