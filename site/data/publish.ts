/**
 * What a build publishes. Appraisal pages are personal (scores, bands, pay), so a public build
 * leaves them out with `PUBLISH_APPRAISALS=false`: no `/appraisals/` pages, no payroll CSVs, no
 * navigation link. Read from the build's environment; pure given `env`.
 */

/** The environment variables read here. */
export interface PublishEnv {
  PUBLISH_APPRAISALS?: string | undefined;
  [name: string]: string | undefined;
}

const YES = new Set(['true', '1', 'yes']);
const NO = new Set(['false', '0', 'no']);

/**
 * Whether this build publishes the appraisal pages: yes unless `PUBLISH_APPRAISALS` is
 * `false`, `0` or `no` (any case). Any other value stops the build rather than guess.
 *
 * @example publishAppraisals({}) // true
 * @example publishAppraisals({ PUBLISH_APPRAISALS: 'false' }) // false
 * @example publishAppraisals({ PUBLISH_APPRAISALS: 'off' }) // throws: PUBLISH_APPRAISALS: expected true or false, got "off"
 */
export function publishAppraisals(env: PublishEnv = process.env): boolean {
  const value = env.PUBLISH_APPRAISALS?.trim().toLowerCase() ?? '';
  if (value === '' || YES.has(value)) return true;
  if (NO.has(value)) return false;
  throw new Error(`PUBLISH_APPRAISALS: expected true or false, got ${JSON.stringify(env.PUBLISH_APPRAISALS)}`);
}
