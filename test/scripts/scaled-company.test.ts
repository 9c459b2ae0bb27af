import { describe, expect, it } from 'vitest';
import { offlineSnapshot } from '../../scripts/bench/offline-snapshot.ts';
import { DEFAULT_CAST, scaledCast } from '../../scripts/demo/company.ts';
import { demoHistoryStart, demoOptionsFromArgs, generateDemoCompany } from '../../scripts/demo/generate.ts';
import { parseSnapshot } from '../../site/data/validate-snapshot.ts';

const NOW = '2026-11-26T12:00:00Z';

describe('scaledCast', () => {
  it('deals the reps round robin to the teams, a manager first in each', () => {
    const cast = scaledCast(7, 30);
    expect(cast.teams.map((t) => t.id)).toEqual([
      'team_north_01', 'team_south_01', 'team_east_01', 'team_west_01', 'team_inside_01', 'team_north_02', 'team_south_02',
    ]);
    expect(cast.reps).toHaveLength(30);
    expect(new Set(cast.reps.map((r) => r.id)).size).toBe(30);
    expect(new Set(cast.reps.map((r) => r.name)).size).toBe(30);
    for (const team of cast.teams) {
      const members = cast.reps.filter((r) => r.teamId === team.id);
      expect(members[0]?.role).toBe('manager');
      expect(members.filter((r) => r.role === 'manager')).toHaveLength(1);
      expect(cast.customersPerTeam[team.id]).toBe(9 * members.length);
    }
  });

  it('plans one move, rename, departure and hire per five teams, naming people and teams that exist', () => {
    const cast = scaledCast(10, 60);
    const kinds = cast.orgChanges.map((c) => c.kind).sort();
    expect(kinds).toEqual(['hire', 'hire', 'leave', 'leave', 'move', 'move', 'rename', 'rename']);
    const reps = new Set(cast.reps.map((r) => r.id));
    const teams = new Set(cast.teams.map((t) => t.id));
    for (const c of cast.orgChanges) {
      if (c.kind === 'move') expect(reps.has(c.repId) && teams.has(c.toTeamId)).toBe(true);
      if (c.kind === 'leave') expect(reps.has(c.repId)).toBe(true);
      if (c.kind === 'rename') expect(teams.has(c.teamId)).toBe(true);
      if (c.kind === 'hire') expect(!reps.has(c.rep.id) && teams.has(c.rep.teamId)).toBe(true);
    }
  });

  it('refuses fewer than two people per team', () => {
    expect(() => scaledCast(5, 9)).toThrow('at least 2 per team');
    expect(() => scaledCast(0, 10)).toThrow('positive integer');
  });
});

describe('demoOptionsFromArgs', () => {
  it('turns --teams/--reps into a cast and --years into months of history', () => {
    const options = demoOptionsFromArgs({ teams: '20', reps: '200', years: '2', seed: '7' });
    expect(options.cast?.teams).toHaveLength(20);
    expect(options.cast?.reps).toHaveLength(200);
    expect(options.historyMonths).toBe(24);
    expect(options.seed).toBe(7);
    expect(demoOptionsFromArgs({})).toEqual({});
  });

  it('says which flag is wrong', () => {
    expect(() => demoOptionsFromArgs({ teams: '3' })).toThrow('--teams and --reps go together');
    expect(() => demoOptionsFromArgs({ teams: 'x', reps: '10' })).toThrow('--teams must be a positive integer');
    expect(() => demoOptionsFromArgs({ years: '0' })).toThrow('--years must be a positive number');
  });
});

describe('generateDemoCompany with a cast and a history length', () => {
  it('starts the history historyMonths back (at the quarter start) and uses every team of the cast', () => {
    expect(demoHistoryStart(NOW, 24).toISOString()).toBe('2024-10-01T00:00:00.000Z');
    const cast = scaledCast(6, 24);
    const events = generateDemoCompany({ now: NOW, cast, historyMonths: 3 });
    const firstSale = events.find((e) => e.type === 'sale.closed');
    expect(firstSale?.occurred_at.slice(0, 7)).toBe('2026-07');
    const teams = new Set(events.filter((e) => e.type === 'team.upserted').map((e) => e.data.team_id));
    expect(teams).toEqual(new Set(cast.teams.map((t) => t.id)));
    const sellers = new Set(events.filter((e) => e.type === 'sale.closed').map((e) => e.data.rep_id));
    expect(sellers.size).toBeGreaterThanOrEqual(20);
  });

  it('gives the default cast when none is given', () => {
    const events = generateDemoCompany({ now: NOW, historyMonths: 1 });
    const teams = new Set(events.filter((e) => e.type === 'team.upserted').map((e) => e.data.team_id));
    expect(teams).toEqual(new Set(DEFAULT_CAST.teams.map((t) => t.id)));
  });
});

describe('offlineSnapshot', () => {
  it("builds a snapshot the site's loader accepts, with the Worker's id rule", async () => {
    const events = generateDemoCompany({ now: NOW, historyMonths: 2 });
    const asOf = new Date(NOW);
    const built = await offlineSnapshot(events, { timezone: 'UTC', currency: 'USD', asOf });
    const snapshot = parseSnapshot(JSON.parse(built.json), 'offline');
    expect(snapshot.snapshot_id).toBe(built.snapshotId);
    expect(snapshot.snapshot_id).toMatch(/^snap_[0-9a-f]{24}$/);
    expect(snapshot.as_of).toBe('2026-11-26T12:00:00.000Z');
    expect(snapshot.kpis.length).toBe(built.kpiRows);
    expect(snapshot.teams.map((t) => t.team_id).sort()).toEqual(DEFAULT_CAST.teams.map((t) => t.id).sort());
    expect(snapshot.data_quality.events_by_type['sale.closed']).toBe(events.filter((e) => e.type === 'sale.closed').length);
    // Same events, same snapshot.
    expect((await offlineSnapshot(events, { timezone: 'UTC', currency: 'USD', asOf })).json).toBe(built.json);
  });

  it('stops at an invalid event, naming it and the field', async () => {
    const bad = { id: 'evt_bad', type: 'sale.refunded', occurred_at: NOW, data: { sale_id: 's1' } };
    await expect(offlineSnapshot([bad], { timezone: 'UTC', currency: 'USD', asOf: new Date(NOW) })).rejects.toThrow(/evt_bad.*data\.amount/);
  });
});
