/**
 * The appraisal section's stored form: the section head (policy, feedback, lock audit) and one
 * JSON text per period head and per (period, rep) row, so a period of a large company never
 * outgrows a D1 value (2 MB) and `GET /v1/appraisals` reads only the period it is asked for.
 */

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

/** A period's JSON up to its rows' `[`: rows are spliced in after it, then {@link PERIOD_CLOSE}. */
export function appraisalPeriodOpen(headJson: string): string {
  return `${headJson.slice(0, -1)},"rows":[`;
}

export const PERIOD_CLOSE = ']}';

/** One period as JSON: its head with its rows spliced in. */
export function appraisalPeriodJson(period: AppraisalPeriodPart): string {
  return `${appraisalPeriodOpen(period.headJson)}${period.rows.map((r) => r.json).join(',')}${PERIOD_CLOSE}`;
}
