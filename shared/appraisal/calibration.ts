/**
 * Calibration: each team's rating distribution against the company's, so a manager who rates
 * more generously (or harshly) than the rest stands out. A team is flagged when its mean score
 * lies more than two standard errors from the company mean (standard error: the company's
 * standard deviation / √(reps rated in the team)), with at least 3 reps rated: a plain,
 * explainable rule, not a verdict.
 */
import type { AppraisalScheme } from '../policy/schema.ts';
import type { CalibrationGroup } from '../snapshot.ts';

export const MIN_TEAM_FOR_FLAG = 3;

interface Rated {
  team_id: string | null;
  score: number | null;
  band: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function group(scheme: AppraisalScheme, teamId: string | null, rows: readonly Rated[]): CalibrationGroup & { scores: number[] } {
  const scores = rows.flatMap((r) => (r.score === null ? [] : [r.score]));
  const bands = Object.fromEntries(scheme.bands.map((b) => [b.band, 0]));
  for (const r of rows) if (r.band !== null) bands[r.band] = (bands[r.band] ?? 0) + 1;
  const mean = scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null;
  return { team_id: teamId, rated: scores.length, mean_score: mean === null ? null : round2(mean), bands, flagged: false, reason: null, scores };
}

/** The company group first, then every team (code-point order, the no-team group last). */
export function calibrate(scheme: AppraisalScheme, rows: readonly Rated[]): CalibrationGroup[] {
  const company = group(scheme, null, rows);
  const n = company.scores.length;
  const mean = n ? company.scores.reduce((s, x) => s + x, 0) / n : 0;
  const sd = n ? Math.sqrt(company.scores.reduce((s, x) => s + (x - mean) ** 2, 0) / n) : 0;
  const teamIds = [...new Set(rows.map((r) => r.team_id))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const teams = teamIds.map((teamId) => {
    const g = group(scheme, teamId, rows.filter((r) => r.team_id === teamId));
    if (g.rated >= MIN_TEAM_FOR_FLAG && sd > 0 && g.mean_score !== null) {
      const teamMean = g.scores.reduce((s, x) => s + x, 0) / g.rated;
      const allowed = (2 * sd) / Math.sqrt(g.rated);
      if (Math.abs(teamMean - mean) > allowed) {
        g.flagged = true;
        g.reason = `mean score ${round2(teamMean)} vs company ${round2(mean)}: more than ±${round2(allowed)} (2 standard errors for ${g.rated} reps) away`;
      }
    }
    return g;
  });
  return [company, ...teams].map(({ scores: _scores, ...g }) => g);
}
