/**
 * The appraisal section's stored form: the section head (policy, feedback, lock audit) and one
 * JSON text per period head and per (period, rep) row, so a period of a large company never
 * outgrows a D1 value (2 MB) and `GET /v1/appraisals` reads only the period it is asked for.
 */
import { toExactJson } from '../kpi/series.ts';
import type { AppraisalSectionUnits } from './build-appraisals.ts';

export interface AppraisalPeriodPart {
  period: string;
  /** The period without its rows. */
  headJson: string;
  rows: { repId: string; json: string }[];
}

export interface AppraisalParts {
  /** The section without its periods. */
  headJson: string;
  periods: AppraisalPeriodPart[];
}

/** The section without its periods, as stored on the snapshot's head. */
export function appraisalSectionHeadJson(section: AppraisalSectionUnits): string {
  const { periods: _periods, ...head } = section;
  return toExactJson(head);
}

/** The section's periods as stored texts, one period at a time as it is asked for. */
export function* appraisalPeriodParts(section: AppraisalSectionUnits): Generator<AppraisalPeriodPart> {
  for (const { rows, ...periodHead } of section.periods) {
    yield { period: periodHead.period, headJson: toExactJson(periodHead), rows: rows.map((row) => ({ repId: row.rep_id, json: toExactJson(row) })) };
  }
}

/** A period's JSON up to its rows' `[`: rows are spliced in after it, then {@link PERIOD_CLOSE}. */
export function appraisalPeriodOpen(headJson: string): string {
  return `${headJson.slice(0, -1)},"rows":[`;
}

export const PERIOD_CLOSE = ']}';

/** One period as JSON: its head with its rows spliced in. */
export function appraisalPeriodJson(period: AppraisalPeriodPart): string {
  return `${appraisalPeriodOpen(period.headJson)}${period.rows.map((r) => r.json).join(',')}${PERIOD_CLOSE}`;
}
