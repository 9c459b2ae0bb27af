import { feedbackResponses } from '../../shared/appraisal/build-appraisals.ts';
import { describe, expect, it } from 'vitest';
import { aggregateFeedback, type FeedbackResponse } from '../../shared/appraisal/feedback.ts';

const Q1 = ['2026-Q1'];

/** Responses of one team (null: no team) and topic, one per score. */
function responses(teamId: string | null, scores: (number | null)[], options: { topic?: string; periods?: readonly string[] } = {}): FeedbackResponse[] {
  return scores.map((score) => ({ periods: options.periods ?? Q1, teamId, topic: options.topic ?? 'workload', score }));
}

const agg = (list: FeedbackResponse[], minGroup = 5) => aggregateFeedback(list, minGroup);

describe('aggregateFeedback: the group size', () => {
  it('shows a team group of 5 and hides one of 4; the company row would reveal the 4, so it is hidden too', () => {
    // t1: 5, 4, 3, 2, 1 → mean 15 / 5 = 3, favourable (≥ 4) 2 / 5 = 0.4
    // t2: 4 responses → hidden. Company 9 = 5 shown + 4 hidden: 9 − 5 would give t2 away → hidden.
    const out = agg([...responses('t1', [5, 4, 3, 2, 1]), ...responses('t2', [5, 5, 5, 5])]);
    expect(out).toEqual({
      min_group: 5,
      groups: [{ period: '2026-Q1', team_id: 't1', topic: 'workload', responses: 5, mean_score: 3, favourable_rate: 0.4 }],
      hidden: [{ period: '2026-Q1', topic: 'workload', groups: 2 }],
    });
  });

  it('shows the company row first, then every team of 5 or more in code-point order', () => {
    // t2: 4, 4, 4, 4, 5 → mean 4.2, favourable 1; t10: 5, 4, 3, 2, 1 → mean 3, favourable 0.4
    // company: sum 21 + 15 = 36 over 10 → 3.6; favourable (5 + 2) / 10 = 0.7
    const out = agg([...responses('t2', [4, 4, 4, 4, 5]), ...responses('t10', [5, 4, 3, 2, 1])]);
    expect(out.groups).toEqual([
      { period: '2026-Q1', team_id: null, topic: 'workload', responses: 10, mean_score: 3.6, favourable_rate: 0.7 },
      { period: '2026-Q1', team_id: 't10', topic: 'workload', responses: 5, mean_score: 3, favourable_rate: 0.4 },
      { period: '2026-Q1', team_id: 't2', topic: 'workload', responses: 5, mean_score: 4.2, favourable_rate: 1 },
    ]);
    expect(out.hidden).toEqual([]);
  });

  it('hides a company total below the group size', () => {
    // 3 responses in all: no team group, no company row; hidden: t1 and the company.
    expect(agg(responses('t1', [5, 4, 3]))).toEqual({ min_group: 5, groups: [], hidden: [{ period: '2026-Q1', topic: 'workload', groups: 2 }] });
  });

  it('uses the configured group size', () => {
    // minGroup 6: t1's 5 responses are not enough, nor is the company's 5.
    expect(agg(responses('t1', [5, 4, 3, 2, 1]), 6).groups).toEqual([]);
    expect(agg(responses('t1', [5, 4, 3, 2, 1, 1]), 6).groups.map((g) => [g.team_id, g.responses])).toEqual([
      [null, 6],
      ['t1', 6],
    ]);
  });
});

describe('aggregateFeedback: the subtraction rule on the company row', () => {
  const withHidden = (hidden: Record<string, number>) => [
    ...responses('t1', [4, 4, 4, 4, 4]),
    ...Object.entries(hidden).flatMap(([team, n]) => responses(team, Array.from({ length: n }, () => 3))),
  ];
  const companyShown = (list: FeedbackResponse[]) => agg(list).groups.some((g) => g.team_id === null);

  it('hides the company row when the hidden remainder is 1 to 4', () => {
    for (const n of [1, 2, 3, 4]) expect(`${n}: ${companyShown(withHidden({ t2: n }))}`).toBe(`${n}: false`);
    // Two hidden groups of 2 and 2: remainder 4 → hidden.
    expect(companyShown(withHidden({ t2: 2, t3: 2 }))).toBe(false);
  });

  it('shows the company row when the hidden remainder is 0 or at least 5 (spread over several hidden groups)', () => {
    expect(companyShown(withHidden({}))).toBe(true);
    // t2 4 + t3 1 = 5 hidden: 10 − 5 reveals only the sum of two groups of 5.
    const out = agg(withHidden({ t2: 4, t3: 1 }));
    expect(out.groups.map((g) => [g.team_id, g.responses])).toEqual([
      [null, 10],
      ['t1', 5],
    ]);
    expect(out.hidden).toEqual([{ period: '2026-Q1', topic: 'workload', groups: 2 }]);
  });
});

describe('aggregateFeedback: responses with no team', () => {
  it('never shows them as a group of their own, even 5 of them', () => {
    // 5 with no team + t1 5: company 10 (remainder 5) shown, t1 shown, the no-team group hidden.
    const out = agg([...responses(null, [1, 1, 1, 1, 1]), ...responses('t1', [5, 5, 5, 5, 5])]);
    // company: (5 + 25) / 10 = 3; favourable 5 / 10 = 0.5
    expect(out.groups).toEqual([
      { period: '2026-Q1', team_id: null, topic: 'workload', responses: 10, mean_score: 3, favourable_rate: 0.5 },
      { period: '2026-Q1', team_id: 't1', topic: 'workload', responses: 5, mean_score: 5, favourable_rate: 1 },
    ]);
    expect(out.hidden).toEqual([{ period: '2026-Q1', topic: 'workload', groups: 1 }]);
  });

  it('counts them in the hidden remainder of the company row', () => {
    // 4 with no team + t1 5: remainder 4 → the company row is withheld.
    const out = agg([...responses(null, [1, 1, 1, 1]), ...responses('t1', [5, 5, 5, 5, 5])]);
    expect(out.groups.map((g) => g.team_id)).toEqual(['t1']);
    expect(out.hidden).toEqual([{ period: '2026-Q1', topic: 'workload', groups: 2 }]);
  });

  it('shows the company row of 5 responses that all name no team (the remainder is 5)', () => {
    const out = agg(responses(null, [4, 4, 4, 4, 2]));
    // mean 18 / 5 = 3.6; favourable 4 / 5 = 0.8
    expect(out.groups).toEqual([{ period: '2026-Q1', team_id: null, topic: 'workload', responses: 5, mean_score: 3.6, favourable_rate: 0.8 }]);
    expect(out.hidden).toEqual([{ period: '2026-Q1', topic: 'workload', groups: 1 }]);
  });
});

describe('aggregateFeedback: mean and favourable rate', () => {
  it('rounds the mean to 2 decimals and the favourable rate to 4', () => {
    // 5, 4, 4, 2, 1, 1, 1: sum 18 / 7 = 2.5714… → 2.57; favourable 3 / 7 = 0.428571… → 0.4286
    const [company, team] = agg(responses('t1', [5, 4, 4, 2, 1, 1, 1])).groups;
    expect(team).toEqual({ period: '2026-Q1', team_id: 't1', topic: 'workload', responses: 7, mean_score: 2.57, favourable_rate: 0.4286 });
    expect(company).toEqual({ ...team, team_id: null });
  });

  it('counts responses without a score towards the group size but not the mean or rate', () => {
    // 5, 4, 2, –, –: 5 responses (shown); scored 3: mean 11 / 3 = 3.666… → 3.67; favourable 2 / 3 → 0.6667
    expect(agg(responses('t1', [5, 4, 2, null, null])).groups[1]).toEqual({
      period: '2026-Q1',
      team_id: 't1',
      topic: 'workload',
      responses: 5,
      mean_score: 3.67,
      favourable_rate: 0.6667,
    });
    // No scores at all: mean and rate null.
    expect(agg(responses('t1', [null, null, null, null, null])).groups[1]).toMatchObject({ responses: 5, mean_score: null, favourable_rate: null });
  });
});

describe('aggregateFeedback: periods and topics', () => {
  it('groups per period (a response counts in its quarter and its year) and topic, years before their quarters', () => {
    const both = ['2026-Q1', '2026'];
    const out = agg([
      ...responses('t1', [5, 5, 5, 5, 5], { periods: both, topic: 'workload' }),
      ...responses('t1', [2, 2, 2, 2, 2], { periods: both, topic: 'pay' }),
    ]);
    expect(out.groups.map((g) => `${g.period} ${g.topic} ${g.team_id ?? 'company'} ${g.mean_score}`)).toEqual([
      '2026 pay company 2',
      '2026 pay t1 2',
      '2026 workload company 5',
      '2026 workload t1 5',
      '2026-Q1 pay company 2',
      '2026-Q1 pay t1 2',
      '2026-Q1 workload company 5',
      '2026-Q1 workload t1 5',
    ]);
  });

  it('keeps a topic that is a prefix of another apart', () => {
    const out = agg([...responses('t1', [5, 5, 5, 5, 5], { topic: 'work' }), ...responses('t1', [1, 1, 1, 1], { topic: 'workload' })]);
    expect(out.groups.map((g) => `${g.topic} ${g.team_id ?? 'company'} ${g.responses}`)).toEqual(['work company 5', 'work t1 5']);
    expect(out.hidden).toEqual([{ period: '2026-Q1', topic: 'workload', groups: 2 }]);
  });

  it('adds up a year from responses spread over its quarters', () => {
    // t1: 3 in Q1 and 2 in Q2: each quarter hidden, the year (5) shown.
    const out = agg([
      ...responses('t1', [5, 5, 5], { periods: ['2026-Q1', '2026'] }),
      ...responses('t1', [3, 3], { periods: ['2026-Q2', '2026'] }),
    ]);
    // year: (15 + 6) / 5 = 4.2; favourable 3 / 5 = 0.6
    expect(out.groups).toEqual([
      { period: '2026', team_id: null, topic: 'workload', responses: 5, mean_score: 4.2, favourable_rate: 0.6 },
      { period: '2026', team_id: 't1', topic: 'workload', responses: 5, mean_score: 4.2, favourable_rate: 0.6 },
    ]);
    expect(out.hidden).toEqual([
      { period: '2026-Q1', topic: 'workload', groups: 2 },
      { period: '2026-Q2', topic: 'workload', groups: 2 },
    ]);
  });

  it('the periods recompute gives responses never overlap, so no year less its quarters can expose a hidden quarter', () => {
    // Overlapping periods (a quarter and its year) would allow it: t1 with 5 responses in Q1 and 1
    // in Q2 would show the year (6) and Q1 (5), giving away the single Q2 response. So recompute
    // counts each response in its quarter only (feedbackResponses); the year never appears.
    const events = [
      ...[4, 4, 4, 4, 4].map((score, i) => ({ id: `f${i}`, type: 'feedback.submitted' as const, occurred_at: '2026-02-10T10:00:00Z', occurredMs: Date.parse('2026-02-10T10:00:00Z'), data: { topic: 'tools', team_id: 't1', score, comment: undefined } })),
      { id: 'f9', type: 'feedback.submitted' as const, occurred_at: '2026-05-10T10:00:00Z', occurredMs: Date.parse('2026-05-10T10:00:00Z'), data: { topic: 'tools', team_id: 't1', score: 1, comment: undefined } },
    ];
    const responses = feedbackResponses(events, 'UTC');
    expect(responses.map((r) => r.periods)).toEqual([...Array(5).fill(['2026-Q1']), ['2026-Q2']]);
    const out = agg(responses);
    expect(out.groups.map((g) => g.period)).not.toContain('2026');
    expect(out.groups.filter((g) => g.period === '2026-Q2')).toEqual([]);
    expect(out.hidden).toEqual([{ period: '2026-Q2', topic: 'tools', groups: 2 }]);
  });
});
