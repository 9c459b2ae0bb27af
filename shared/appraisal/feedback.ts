/**
 * The anonymous feedback channel, in aggregate only. Responses are grouped per period, team and
 * topic; a group is shown only with at least `minGroup` responses. Periods must not overlap
 * (recompute uses quarters only): a year less its shown quarters would give a hidden one away.
 * The company row of a topic is shown only when the responses it holds beyond the shown team
 * groups are none or at least `minGroup` too, so no hidden group can be found by subtraction.
 * Comments are never published (they can name people); only scores are aggregated.
 */
import { compareCodePoints } from '../json/exact-number.ts';
import type { FeedbackGroup } from '../snapshot.ts';

export interface FeedbackResponse {
  /** The period(s) the response counts in (org timezone); they must not overlap each other. */
  periods: readonly string[];
  teamId: string | null;
  topic: string;
  score: number | null;
}

interface Tally {
  responses: number;
  scored: number;
  sum: number;
  favourable: number;
}

function add(map: Map<string, Tally>, k: string, r: FeedbackResponse) {
  const t = map.get(k) ?? { responses: 0, scored: 0, sum: 0, favourable: 0 };
  t.responses++;
  if (r.score !== null) {
    t.scored++;
    t.sum += r.score;
    if (r.score >= 4) t.favourable++;
  }
  map.set(k, t);
}

function row(period: string, teamId: string | null, topic: string, t: Tally): FeedbackGroup {
  return {
    period, team_id: teamId, topic, responses: t.responses,
    mean_score: t.scored ? Math.round((t.sum / t.scored) * 100) / 100 : null,
    favourable_rate: t.scored ? Math.round((t.favourable / t.scored) * 10_000) / 10_000 : null,
  };
}

export function aggregateFeedback(responses: readonly FeedbackResponse[], minGroup: number) {
  const teams = new Map<string, Tally>();
  const company = new Map<string, Tally>();
  for (const r of responses) {
    for (const period of r.periods) {
      add(teams, JSON.stringify([period, r.topic, r.teamId]), r);
      add(company, JSON.stringify([period, r.topic]), r);
    }
  }
  const groups: FeedbackGroup[] = [];
  const hidden: { period: string; topic: string; groups: number }[] = [];
  for (const [k, total] of [...company].sort(([a], [b]) => compareCodePoints(a, b))) {
    const [period, topic] = JSON.parse(k) as [string, string];
    const members = [...teams].filter(([tk]) => tk.startsWith(k.slice(0, -1) + ','));
    let hiddenResponses = 0;
    let hiddenGroups = 0;
    const shown: FeedbackGroup[] = [];
    for (const [tk, t] of members) {
      const teamId = (JSON.parse(tk) as [string, string, string | null])[2];
      // Responses naming no team are a group of their own: never shown by themselves.
      if (teamId !== null && t.responses >= minGroup) shown.push(row(period, teamId, topic, t));
      else {
        hiddenResponses += t.responses;
        hiddenGroups++;
      }
    }
    const companyShown = total.responses >= minGroup && (hiddenResponses === 0 || hiddenResponses >= minGroup);
    if (companyShown) groups.push(row(period, null, topic, total));
    groups.push(...shown.sort((a, b) => compareCodePoints(a.team_id!, b.team_id!)));
    if (hiddenGroups > 0 || !companyShown) hidden.push({ period, topic, groups: hiddenGroups + (companyShown ? 0 : 1) });
  }
  return { min_group: minGroup, groups, hidden };
}
