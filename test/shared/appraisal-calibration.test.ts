import { describe, expect, it } from 'vitest';
import { calibrate, MIN_TEAM_FOR_FLAG } from '../../shared/appraisal/calibration.ts';
import { QUARTER_SCHEME } from './appraisal-policy.ts';

// Band of a score under the test scheme (S ≥ 120, A ≥ 105, B ≥ 90, C ≥ 70, D ≥ 0).
const bandOfScore = (s: number) => (s >= 120 ? 'S' : s >= 105 ? 'A' : s >= 90 ? 'B' : s >= 70 ? 'C' : 'D');

function rows(spec: Record<string, (number | null)[]>) {
  return Object.entries(spec).flatMap(([team, scores]) =>
    scores.map((score) => ({ team_id: team === '-' ? null : team, score, band: score === null ? null : bandOfScore(score) })),
  );
}

const NO_BANDS = { S: 0, A: 0, B: 0, C: 0, D: 0 };

describe('calibrate', () => {
  it('needs 3 rated reps to flag a team', () => {
    expect(MIN_TEAM_FOR_FLAG).toBe(3);
  });

  it('flags a team whose mean is more than 2 standard errors from the company mean', () => {
    // 12 reps: a 3 × 130, b/c/d 3 × 100 each.
    // company mean = (390 + 900) / 12 = 107.5
    // variance = (3 × 22.5² + 9 × 7.5²) / 12 = (1518.75 + 506.25) / 12 = 168.75; sd = 12.99
    // allowed for n = 3: 2 × sd / √3 = 2 × √(168.75 / 3) = 2 × √56.25 = 15
    // a: |130 − 107.5| = 22.5 > 15 → flagged; b, c, d: 7.5 → not.
    const groups = calibrate(QUARTER_SCHEME, rows({ a: [130, 130, 130], b: [100, 100, 100], c: [100, 100, 100], d: [100, 100, 100] }));
    expect(groups).toEqual([
      { team_id: null, rated: 12, mean_score: 107.5, bands: { ...NO_BANDS, S: 3, B: 9 }, flagged: false, reason: null },
      {
        team_id: 'a',
        rated: 3,
        mean_score: 130,
        bands: { ...NO_BANDS, S: 3 },
        flagged: true,
        reason: 'mean score 130 vs company 107.5: more than ±15 (2 standard errors for 3 reps) away',
      },
      { team_id: 'b', rated: 3, mean_score: 100, bands: { ...NO_BANDS, B: 3 }, flagged: false, reason: null },
      { team_id: 'c', rated: 3, mean_score: 100, bands: { ...NO_BANDS, B: 3 }, flagged: false, reason: null },
      { team_id: 'd', rated: 3, mean_score: 100, bands: { ...NO_BANDS, B: 3 }, flagged: false, reason: null },
    ]);
  });

  it('flags a harsh team as well as a generous one', () => {
    // a 4 × 110, b 4 × 90, c 4 × 100: mean 100; variance (4 × 100 + 4 × 100) / 12 = 66.67; sd 8.165
    // allowed for n = 4: 2 × 8.165 / 2 = 8.165 → a (+10) and b (−10) flagged, c (0) not.
    const groups = calibrate(QUARTER_SCHEME, rows({ a: [110, 110, 110, 110], b: [90, 90, 90, 90], c: [100, 100, 100, 100] }));
    expect(groups.map((g) => [g.team_id, g.flagged])).toEqual([
      [null, false],
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
    expect(groups[2]!.reason).toBe('mean score 90 vs company 100: more than ±8.16 (2 standard errors for 4 reps) away');
  });

  it('does not flag a team exactly 2 standard errors away', () => {
    // a 4 × 110, b 4 × 90: mean 100, sd 10; allowed for n = 4: 2 × 10 / 2 = 10; |±10| is not more.
    const groups = calibrate(QUARTER_SCHEME, rows({ a: [110, 110, 110, 110], b: [90, 90, 90, 90] }));
    expect(groups.map((g) => g.flagged)).toEqual([false, false, false]);
  });

  it('never flags a team with fewer than 3 rated reps, however far off', () => {
    // x 2 × 150, y 3 × 100, z 3 × 100: mean (300 + 600) / 8 = 112.5;
    // variance (2 × 37.5² + 6 × 12.5²) / 8 = (2812.5 + 937.5) / 8 = 468.75; sd 21.65.
    // x: |150 − 112.5| = 37.5 would exceed 2 × 21.65 / √2 = 30.6, but n = 2.
    // y, z: allowed 2 × 21.65 / √3 = 25; 12.5 → not flagged.
    const groups = calibrate(QUARTER_SCHEME, rows({ x: [150, 150], y: [100, 100, 100], z: [100, 100, 100] }));
    expect(groups.map((g) => [g.team_id, g.rated, g.mean_score, g.flagged])).toEqual([
      [null, 8, 112.5, false],
      ['x', 2, 150, false],
      ['y', 3, 100, false],
      ['z', 3, 100, false],
    ]);
  });

  it('counts only rated reps towards the 3 (an unscored rep does not make a team eligible)', () => {
    // w has 3 reps but one has no score: the same figures as x above (rated 2) → not flagged.
    const groups = calibrate(QUARTER_SCHEME, rows({ w: [150, 150, null], y: [100, 100, 100], z: [100, 100, 100] }));
    expect(groups.map((g) => [g.team_id, g.rated, g.flagged])).toEqual([
      [null, 8, false],
      ['w', 2, false],
      ['y', 3, false],
      ['z', 3, false],
    ]);
    // The unscored rep is in no band either: w's bands count 2 (S, S).
    expect(groups[1]!.bands).toEqual({ ...NO_BANDS, S: 2 });
  });

  it('flags nothing when every score is the same (sd 0)', () => {
    const groups = calibrate(QUARTER_SCHEME, rows({ a: [100, 100, 100], b: [100, 100, 100] }));
    expect(groups.map((g) => [g.team_id, g.mean_score, g.flagged, g.reason])).toEqual([
      [null, 100, false, null],
      ['a', 100, false, null],
      ['b', 100, false, null],
    ]);
  });

  it('puts the company first and the no-team group last; counts bands in scheme order; rounds means to 2 decimals', () => {
    // t-b: 111.33, 83.33, 83.33 → mean 277.99 / 3 = 92.663… → 92.66; bands A, C, C.
    // no team: one unrated rep → rated 0, mean null.
    // company: (111.33 + 83.33 + 83.33 + 62.22) / 4 = 340.21 / 4 = 85.0525 → 85.05
    const groups = calibrate(QUARTER_SCHEME, rows({ '-': [null], 't-b': [111.33, 83.33, 83.33], 't-a': [62.22] }));
    expect(groups).toEqual([
      { team_id: null, rated: 4, mean_score: 85.05, bands: { ...NO_BANDS, A: 1, C: 2, D: 1 }, flagged: false, reason: null },
      { team_id: 't-a', rated: 1, mean_score: 62.22, bands: { ...NO_BANDS, D: 1 }, flagged: false, reason: null },
      { team_id: 't-b', rated: 3, mean_score: 92.66, bands: { ...NO_BANDS, A: 1, C: 2 }, flagged: false, reason: null },
      { team_id: null, rated: 0, mean_score: null, bands: NO_BANDS, flagged: false, reason: null },
    ]);
    expect(Object.keys(groups[0]!.bands)).toEqual(['S', 'A', 'B', 'C', 'D']);
  });

  it('gives an empty company group when nobody was rated', () => {
    expect(calibrate(QUARTER_SCHEME, [])).toEqual([{ team_id: null, rated: 0, mean_score: null, bands: NO_BANDS, flagged: false, reason: null }]);
  });
});
