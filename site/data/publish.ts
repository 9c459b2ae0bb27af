/**
 * What a build publishes, read from the build's environment; pure given `env`.
 *
 * - Appraisal pages are personal (scores, bands, pay), so a public build leaves them out with
 *   `PUBLISH_APPRAISALS=false`: no `/appraisals/` pages, no payroll CSVs, no navigation link.
 * - `CSV_INLINE_MAX_CHARS`: the largest table CSV that travels inside its page (csv-link.ts);
 *   a larger one is a file beside the page. `0` makes every table's CSV a file.
 */
import { INLINE_CSV_MAX_CHARS } from './csv-link.ts';

/** The environment variables read here. */
export interface PublishEnv {
  PUBLISH_APPRAISALS?: string | undefined;
  CSV_INLINE_MAX_CHARS?: string | undefined;
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

/**
 * The largest CSV, in characters, that a table's download carries inside its page: a whole
 * number from `CSV_INLINE_MAX_CHARS`, default INLINE_CSV_MAX_CHARS (4,096). Anything else stops
 * the build rather than guess.
 *
 * @example inlineCsvMaxChars({}) // 4096
 * @example inlineCsvMaxChars({ CSV_INLINE_MAX_CHARS: '0' }) // 0: every table's CSV is a file
 * @example inlineCsvMaxChars({ CSV_INLINE_MAX_CHARS: '4k' }) // throws: CSV_INLINE_MAX_CHARS: expected a whole number of characters, got "4k"
 */
export function inlineCsvMaxChars(env: PublishEnv = process.env): number {
  const value = env.CSV_INLINE_MAX_CHARS?.trim() ?? '';
  if (value === '') return INLINE_CSV_MAX_CHARS;
  if (!/^\d{1,9}$/.test(value)) throw new Error(`CSV_INLINE_MAX_CHARS: expected a whole number of characters, got ${JSON.stringify(env.CSV_INLINE_MAX_CHARS)}`);
  return Number(value);
}
