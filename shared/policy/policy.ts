/**
 * The organisation's appraisal and incentive policy, read from `policy.json` beside this file
 * and checked when first imported: a mistake stops the Worker at start and the site build with
 * a PolicyError naming the field. Edit the JSON (and bump its `version`) to change a scheme.
 */
import raw from './policy.json' with { type: 'json' };
import { parsePolicy, type Policy } from './schema.ts';

export const POLICY: Policy = parsePolicy(raw);
