/**
 * Which pages a snapshot has, enumerated from the snapshot (never discovered by crawling):
 * every team named in the snapshot or with KPI rows, every week a team has a week row for,
 * every rep. Pure; used by the pages' getStaticPaths and the CSV downloads.
 */
import type { Snapshot } from '../../shared/snapshot.ts';
import { seriesRows } from './kpi-rows.ts';
import { pathSegments } from './slug.ts';

/** Team ids: the snapshot's teams, then any other team with KPI rows (code-point order). */
export function teamIds(snapshot: Snapshot): string[] {
  const ids = new Set(snapshot.teams.map((team) => team.team_id));
  const extra = new Set<string>();
  for (const row of snapshot.kpis) if (row.scope === 'team' && !ids.has(row.id!)) extra.add(row.id!);
  const all = [...ids, ...[...extra].sort()];
  pathSegments(all); // throws when two ids would share a page
  return all;
}

/** Rep ids: the snapshot's reps, then any other rep with KPI rows. */
export function repIds(snapshot: Snapshot): string[] {
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
  return teamIds(snapshot).flatMap((teamId) =>
    seriesRows(snapshot, 'team', teamId, 'week').map((row) => ({ teamId, week: row.period })),
  );
}
