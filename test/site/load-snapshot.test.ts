import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotError, loadSnapshot, parseSnapshot } from '../../site/data/load-snapshot.ts';
import { snapshotErrorOf as errorOf } from './snapshot-error.ts';
import { FIXTURE_PATH, emptyAppraisals, fixtureSnapshot, makePacing, makeRow, makeSnapshot, makeTarget } from './make-snapshot.ts';

describe('parseSnapshot', () => {
  it('accepts the fixture and returns it unchanged', () => {
    const snapshot = fixtureSnapshot();
    expect(parseSnapshot(snapshot)).toBe(snapshot);
  });

  it('rejects another schema string, naming the field and both values', () => {
    const snapshot = { ...fixtureSnapshot(), schema: 'quotient.snapshot/2' };
    expect(errorOf(snapshot)).toContain('snapshot.schema: expected "quotient.snapshot/1", got "quotient.snapshot/2"');
  });

  it('rejects a snapshot without a schema', () => {
    const { schema: _schema, ...rest } = fixtureSnapshot();
    expect(errorOf(rest)).toContain('snapshot.schema: expected "quotient.snapshot/1", got nothing (missing)');
  });

  it('names a missing field of a KPI row by its index', () => {
    const snapshot = fixtureSnapshot();
    delete (snapshot.kpis[3] as Partial<typeof snapshot.kpis[3]>).period;
    expect(errorOf(snapshot)).toContain('snapshot.kpis[3].period: expected string');
  });

  it('names a missing top-level field', () => {
    const { snapshot_id: _id, ...rest } = fixtureSnapshot();
    expect(errorOf(rest)).toContain('snapshot.snapshot_id: expected string');
  });

  it('names a money field given as a string', () => {
    const snapshot = makeSnapshot({ kpis: [makeRow({ net_revenue: '1000' as unknown as number })] });
    expect(errorOf(snapshot)).toContain('snapshot.kpis[0].net_revenue: expected number, got "1000"');
  });

  it('accepts null for nullable metrics but not for money totals', () => {
    expect(errorOf(makeSnapshot({ kpis: [makeRow({ margin: null, target_revenue: null, attainment: null })] }))).toBeNull();
    expect(errorOf(makeSnapshot({ kpis: [makeRow({ revenue: null as unknown as number })] }))).toContain(
      'snapshot.kpis[0].revenue: expected number, got null',
    );
  });

  it('rejects a period label of the wrong grain', () => {
    const snapshot = makeSnapshot({ kpis: [makeRow({ grain: 'month', period: '2026-Q4' })] });
    expect(errorOf(snapshot)).toContain('snapshot.kpis[0].period: expected a month label, got "2026-Q4"');
  });

  it('rejects an unknown timezone and currency', () => {
    const message = errorOf(makeSnapshot({ timezone: 'Mars/Olympus', currency: 'usd' }));
    expect(message).toContain('snapshot.timezone: expected IANA timezone, got "Mars/Olympus"');
    expect(message).toContain('snapshot.currency: expected ISO 4217 code, got "usd"');
  });

  it('lists every problem, not only the first', () => {
    const snapshot = makeSnapshot({ kpis: [makeRow({ orders: -1 }), makeRow({ scope: 'region' as 'company' })] });
    const error = (() => {
      try {
        parseSnapshot(snapshot);
      } catch (e) {
        return e as SnapshotError;
      }
      throw new Error('expected a SnapshotError');
    })();
    expect(error.issues).toEqual([
      'snapshot.kpis[0].orders: expected non-negative integer, got -1',
      'snapshot.kpis[1].scope: expected one of company|team|rep, got "region"',
    ]);
  });
});

describe('parseSnapshot: the sections beyond the KPI rows', () => {
  it('checks every metric of a KPI row, counts as counts', () => {
    expect(errorOf(makeSnapshot({ kpis: [makeRow({ complaints: 1.5, csat: '4' as unknown as number })] }))).toContain(
      'snapshot.kpis[0].complaints: expected non-negative integer, got 1.5',
    );
    expect(errorOf(makeSnapshot({ kpis: [makeRow({ csat: '4' as unknown as number })] }))).toContain(
      'snapshot.kpis[0].csat: expected number or null, got "4"',
    );
    const { visits: _visits, ...withoutVisits } = makeRow();
    expect(errorOf(makeSnapshot({ kpis: [withoutVisits as never] }))).toContain('snapshot.kpis[0].visits: expected non-negative integer (missing)');
  });

  it('checks market rows: grain and period agree, share may be null', () => {
    const row = { grain: 'quarter', period: '2026-Q4', region: null, segment: 'smb', market_size: 1000, net_revenue: 50, share: null };
    expect(errorOf(makeSnapshot({ markets: [row as never] }))).toBeNull();
    expect(errorOf(makeSnapshot({ markets: [{ ...row, grain: 'week' } as never] }))).toContain(
      'snapshot.markets[0].grain: expected one of month|quarter|year, got "week"',
    );
    expect(errorOf(makeSnapshot({ markets: [{ ...row, period: '2026-11' } as never] }))).toContain(
      'snapshot.markets[0].period: expected a quarter label, got "2026-11"',
    );
  });

  it('checks target versions: metric, period grain, current flag', () => {
    expect(errorOf(makeSnapshot({ targets: [makeTarget()] }))).toBeNull();
    expect(errorOf(makeSnapshot({ targets: [makeTarget({ metric: 'visits' as 'revenue' })] }))).toContain(
      'snapshot.targets[0].metric: expected one of revenue|profit|new_customers|orders, got "visits"',
    );
    expect(errorOf(makeSnapshot({ targets: [makeTarget({ period: '2026-W48' })] }))).toContain(
      'snapshot.targets[0].period: expected a year, quarter or month label, got "2026-W48"',
    );
    expect(errorOf(makeSnapshot({ targets: [makeTarget({ scope: 'team', id: null })] }))).toContain(
      'snapshot.targets[0].id: expected non-empty string, got null',
    );
  });

  it('checks pacing rows', () => {
    expect(errorOf(makeSnapshot({ pacing: [makePacing()] }))).toBeNull();
    expect(errorOf(makeSnapshot({ pacing: [makePacing({ method: 'guess' as 'elapsed_days', projected_attainment: 'x' as never })] }))).toMatch(
      /snapshot\.pacing\[0\]\.method: expected one of elapsed_days\|last_year_profile, got "guess"[\s\S]*snapshot\.pacing\[0\]\.projected_attainment: expected number or null, got "x"/,
    );
  });

  it('checks the data-quality sections', () => {
    const snapshot = fixtureSnapshot();
    (snapshot.data_quality.events_by_day[0] as { day: string }).day = '2026-11-31';
    (snapshot.data_quality.conflicts as { count: unknown }).count = -1;
    delete (snapshot.data_quality as Partial<typeof snapshot.data_quality>).late_arrivals;
    const message = errorOf(snapshot);
    expect(message).toContain('snapshot.data_quality.events_by_day[0].day: expected a day label (YYYY-MM-DD), got "2026-11-31"');
    expect(message).toContain('snapshot.data_quality.conflicts.count: expected non-negative integer, got -1');
    expect(message).toContain('snapshot.data_quality.late_arrivals: expected object (missing)');
  });

  it('requires the markets, targets and pacing sections', () => {
    const { markets: _m, ...rest } = fixtureSnapshot();
    expect(errorOf(rest)).toContain('snapshot.markets: expected array (missing)');
  });
});

describe('parseSnapshot: the appraisals section', () => {
  /** The fixture with `change` applied to its appraisals, and the message it is refused with. */
  const refuse = (change: (a: Record<string, any>) => void): string | null => {
    const snapshot = fixtureSnapshot();
    change(snapshot.appraisals as unknown as Record<string, any>);
    return errorOf(snapshot);
  };

  it('accepts the fixture and an empty section without a policy', () => {
    expect(errorOf(fixtureSnapshot())).toBeNull();
    expect(errorOf(makeSnapshot({ appraisals: emptyAppraisals() }))).toBeNull();
  });

  it('requires the section', () => {
    const { appraisals: _a, ...rest } = fixtureSnapshot();
    expect(errorOf(rest)).toContain('snapshot.appraisals: expected object (missing)');
  });

  it('names a bad field of a row, a component and a statement line by their indexes', () => {
    const message = refuse((a) => {
      a.periods[1].rows[0].score = '81.92';
      a.periods[1].rows[0].components[2].status = 'skipped';
      a.periods[1].rows[0].commission.clawbacks[0].sale_period = '2026-09';
    });
    expect(message).toContain('snapshot.appraisals.periods[1].rows[0].score: expected number or null, got "81.92"');
    expect(message).toContain('snapshot.appraisals.periods[1].rows[0].components[2].status: expected one of scored|no_data|no_target|zero_target, got "skipped"');
    expect(message).toContain('snapshot.appraisals.periods[1].rows[0].commission.clawbacks[0].sale_period: expected a quarter label, got "2026-09"');
  });

  it('checks the period label against its grain and a locked period’s lock time', () => {
    const message = refuse((a) => {
      a.periods[0].period = '2026';
      a.periods[0].locked_at = null;
      a.periods[2].status = 'open';
    });
    expect(message).toContain('snapshot.appraisals.periods[0].period: expected a quarter label, got "2026"');
    expect(message).toContain('snapshot.appraisals.periods[0].locked_at: expected ISO 8601 instant, got null');
    expect(message).toContain('snapshot.appraisals.periods[2].status: expected one of running|closed|locked, got "open"');
  });

  it('refuses a statement that does not add up, in exact units', () => {
    // Ana, Q4: 760.01 − 15 + 0 = 745.01, not 745.02; 4 sales 34,312.35 − 312.10 = 34,000.25
    const message = refuse((a) => {
      a.periods[1].rows[0].commission.payable = 745.02;
      a.periods[1].rows[0].commission.sales[0].amount = 9000.01;
    });
    expect(message).toContain('snapshot.appraisals.periods[1].rows[0].commission.payable: expected earned − clawback + adjustment = 745.01, got 745.02');
    expect(message).toContain('snapshot.appraisals.periods[1].rows[0].commission.base: expected Σ sales − Σ refunds = 34000.26, got 34000.25');
  });

  it('checks a quarter’s clawback and adjustment against their lines', () => {
    const message = refuse((a) => {
      a.periods[1].rows[2].commission.adjustments[0].amount = 90;
    });
    expect(message).toContain('snapshot.appraisals.periods[1].rows[2].commission.adjustment: expected Σ adjustment lines = 90, got 100');
  });

  it('refuses the same period twice and the same rep twice in a period (each has one page)', () => {
    const message = refuse((a) => {
      a.periods[2].period = '2026-Q4';
      a.periods[2].grain = 'quarter';
      a.periods[0].rows[1].rep_id = 'rep_ana';
    });
    expect(message).toContain('snapshot.appraisals.periods[2].period: "2026-Q4" appears twice (one page per period)');
    expect(message).toContain('snapshot.appraisals.periods[0].rows[1].rep_id: "rep_ana" appears twice in the period');
  });

  it('checks the policy with its own schema, naming the field under the section', () => {
    const message = refuse((a) => {
      a.policy.schemes[0].components[0].weight = 0.6;
    });
    expect(message).toContain('snapshot.appraisals.policy.schemes[0].components: weights must sum to 1 (they sum to 1.1)');
  });

  it('checks feedback groups, hidden counts and lock audit entries', () => {
    const message = refuse((a) => {
      a.feedback.groups[0].responses = -1;
      a.feedback.hidden[0].groups = 'three';
      a.lock_audit[0].action = 'freeze';
      a.lock_audit[1].at = 'yesterday';
    });
    expect(message).toContain('snapshot.appraisals.feedback.groups[0].responses: expected non-negative integer, got -1');
    expect(message).toContain('snapshot.appraisals.feedback.hidden[0].groups: expected non-negative integer, got "three"');
    expect(message).toContain('snapshot.appraisals.lock_audit[0].action: expected one of lock|unlock, got "freeze"');
    expect(message).toContain('snapshot.appraisals.lock_audit[1].at: expected ISO 8601 instant, got "yesterday"');
  });
});

describe('loadSnapshot', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quotient-load-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says to set SNAPSHOT_FILE or SNAPSHOT_URL when neither is set', async () => {
    await expect(loadSnapshot({})).rejects.toThrow(/set SNAPSHOT_FILE .* or SNAPSHOT_URL/);
  });

  it('reads SNAPSHOT_FILE once and shares the parsed snapshot', async () => {
    const first = await loadSnapshot({ SNAPSHOT_FILE: FIXTURE_PATH });
    const second = await loadSnapshot({ SNAPSHOT_FILE: FIXTURE_PATH });
    expect(first.snapshot_id).toBe('snap_fixture_0007');
    expect(second).toBe(first);
  });

  it('names the file and the bad field when the file is invalid', async () => {
    const path = join(dir, 'bad.json');
    const snapshot = fixtureSnapshot();
    (snapshot.kpis[3] as { period: unknown }).period = 202611;
    await writeFile(path, JSON.stringify(snapshot));
    await expect(loadSnapshot({ SNAPSHOT_FILE: path })).rejects.toThrow(
      `invalid snapshot (${path}): snapshot.kpis[3].period: expected string, got 202611`,
    );
  });

  it('reports a file that is not JSON', async () => {
    const path = join(dir, 'not-json.json');
    await writeFile(path, '{"schema": ');
    await expect(loadSnapshot({ SNAPSHOT_FILE: path })).rejects.toThrow(`invalid snapshot (${path}): not JSON`);
  });

  it('reports a file that does not exist', async () => {
    await expect(loadSnapshot({ SNAPSHOT_FILE: join(dir, 'nope.json') })).rejects.toThrow('SNAPSHOT_FILE: cannot read');
  });

  it('refuses SNAPSHOT_URL without READ_TOKEN', async () => {
    await expect(loadSnapshot({ SNAPSHOT_URL: 'http://127.0.0.1:9/v1/snapshot' })).rejects.toThrow('set READ_TOKEN');
  });

  describe('with SNAPSHOT_URL', () => {
    let server: Server;
    let base: string;
    const seen: IncomingHttpHeaders[] = [];
    beforeAll(async () => {
      const body = JSON.stringify(fixtureSnapshot());
      server = createServer((req, res) => {
        seen.push(req.headers);
        if (req.headers.authorization !== 'Bearer read-token') {
          res.writeHead(401, { 'content-type': 'application/problem+json' }).end('{"title":"Unauthorized"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((done) => server.close(done));
    });

    it('fetches the snapshot with the read token as a bearer token', async () => {
      const snapshot = await loadSnapshot({ SNAPSHOT_URL: `${base}/v1/snapshot`, READ_TOKEN: 'read-token' });
      expect(snapshot.snapshot_id).toBe('snap_fixture_0007');
      expect(seen.at(-1)?.authorization).toBe('Bearer read-token');
    });

    it('reports the status and hints at READ_TOKEN on 401', async () => {
      await expect(
        loadSnapshot({ SNAPSHOT_URL: `${base}/v1/snapshot?id=other`, READ_TOKEN: 'wrong' }),
      ).rejects.toThrow(/answered 401 \(check READ_TOKEN\)/);
    });
  });
});
