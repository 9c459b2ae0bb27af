/**
 * Forecast accuracy on a snapshot: for the company and every team at week, month and quarter,
 * the method the backtest chose, its backtest MAPE and MASE next to seasonal naive's on the same
 * origins — and, since choosing by the backtest flatters the chosen method there, a true
 * holdout: the forecast made with the last `horizon` periods hidden (`after` moved back), its
 * mean absolute error against what happened next to seasonal naive's, and how many of the
 * hidden actuals its 80% intervals held.
 *
 * Usage: npm run forecast:accuracy [-- snapshot.json]   (default: .quotient/snapshot.json from npm start)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ForecastGrain } from '../shared/forecast/forecast.ts';
import { SEASON } from '../shared/forecast/forecast.ts';
import { forecastScope, lastCompletePeriod, netRevenueSeries } from '../shared/forecast/series.ts';
import { periodLabels, shiftLabel } from '../shared/period.ts';
import type { Snapshot } from '../shared/snapshot.ts';
import { ROOT } from './lib/tools.ts';

const file = process.argv[2] ?? join(ROOT, '.quotient', 'snapshot.json');
const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const running = periodLabels(Date.parse(snapshot.as_of), snapshot.timezone);
const HORIZON: Record<ForecastGrain, number> = { week: 13, month: 6, quarter: 4 };

const scopes: { scope: 'company' | 'team'; id: string | null; name: string }[] = [
  { scope: 'company', id: null, name: 'Company' },
  ...snapshot.teams.map((t) => ({ scope: 'team' as const, id: t.team_id, name: t.name })),
];
const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));
console.log(`Forecast accuracy on ${file} (as of ${snapshot.as_of}, ${snapshot.snapshot_id})\n`);
console.log(
  ['scope'.padEnd(22), 'grain'.padEnd(7), 'history', 'method'.padEnd(16), 'MAPE %', '  MASE', 'sNaive MASE', '| holdout:', 'method'.padEnd(16), '   MAE', 'sNaive MAE', 'inside 80%'].join('  '),
);
let compared = 0;
let beaten = 0;
let inside = 0;
let held = 0;
for (const grain of ['week', 'month', 'quarter'] as const) {
  for (const s of scopes) {
    const rows = snapshot.kpis.filter((r) => r.scope === s.scope && r.id === s.id && r.grain === grain);
    const made = forecastScope(rows, grain, running[grain], HORIZON[grain]);
    if (!made) continue;
    const { forecast: f } = made;
    // Holdout: hide the last `horizon` complete periods, forecast them, compare with what happened.
    const last = lastCompletePeriod(rows, running[grain])!;
    const hidden = HORIZON[grain];
    const cut = shiftLabel(last, -hidden);
    const history = netRevenueSeries(rows, cut);
    const actual = netRevenueSeries(rows, last).slice(history.length);
    const m = SEASON[grain];
    const holdout = history.length > m ? forecastScope(rows, grain, running[grain], hidden, cut) : null;
    let cells = ['—'.padEnd(16), '—'.padStart(6), '—'.padStart(10), '—'.padStart(10)];
    if (holdout && actual.length === hidden) {
      const points = holdout.forecast.points;
      const mae = points.reduce((sum, p, i) => sum + Math.abs(p.forecast - actual[i]!), 0) / hidden;
      const naiveMae = actual.reduce((sum, a, i) => sum + Math.abs(a - history[history.length - m + (i % m)]!), 0) / hidden;
      const within = points.filter((p, i) => actual[i]! >= p.lower && actual[i]! <= p.upper).length;
      inside += within;
      held += hidden;
      compared++;
      if (mae < naiveMae) beaten++;
      cells = [holdout.forecast.method.padEnd(16), mae.toFixed(0).padStart(6), naiveMae.toFixed(0).padStart(10), `${within}/${hidden}`.padStart(10)];
    }
    console.log(
      [
        s.name.slice(0, 22).padEnd(22), grain.padEnd(7), String(f.observations).padStart(7), f.method.padEnd(16),
        fmt(f.accuracy?.mape).padStart(6), fmt(f.accuracy?.mase).padStart(6), fmt(f.benchmark?.mase).padStart(11), '|         ', ...cells,
      ].join('  '),
    );
  }
}
console.log(`\nHoldout: the chosen method beat seasonal naive in ${beaten} of ${compared} series; its 80% intervals held ${inside} of ${held} hidden actuals (${held ? ((100 * inside) / held).toFixed(0) : '—'}%).`);
