/**
 * The local `.dev.vars` (wrangler's dotenv file for secrets in `wrangler dev`): created with
 * fresh random development secrets when missing, completed when a required key is missing, and
 * otherwise left alone.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Keys `npm start` and `npm run worker` need. */
export const REQUIRED_KEYS = ['WEBHOOK_SECRETS', 'READ_TOKEN', 'ADMIN_TOKEN'] as const;

/** The webhook source name the demo posts as. */
export const DEMO_SOURCE = 'demo';

export interface DevVars {
  path: string;
  /** True when the file did not exist and was written now. */
  created: boolean;
  /** Keys appended to an existing file because they were missing. */
  added: string[];
  vars: Record<string, string>;
}

/**
 * Parse dotenv text: `KEY=value` lines, `#` comments, optional `export `, values optionally in
 * single or double quotes.
 *
 * @example
 * parseDevVars('READ_TOKEN="abc"\n# note\nADMIN_TOKEN=def'); // { READ_TOKEN: 'abc', ADMIN_TOKEN: 'def' }
 */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = (match[2] ?? '').trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.length >= 2 ? value.slice(1, -1) : '';
    }
    vars[match[1] as string] = value;
  }
  return vars;
}

/** Fresh development values for the required keys. */
export function generateDevValues(): Record<(typeof REQUIRED_KEYS)[number], string> {
  return {
    WEBHOOK_SECRETS: `${DEMO_SOURCE}=whsec_${randomBytes(24).toString('base64')}`,
    READ_TOKEN: randomBytes(24).toString('hex'),
    ADMIN_TOKEN: randomBytes(24).toString('hex'),
  };
}

/**
 * Make sure `path` holds the required keys: write a development file when it is missing, append
 * the keys that are missing from an existing one, then return what it holds.
 */
export function ensureDevVars(path: string): DevVars {
  const fresh = generateDevValues();
  if (!existsSync(path)) {
    const text = [
      '# Development secrets for `wrangler dev`, written by `npm start` / `npm run worker`.',
      '# Never commit this file (it is in .gitignore). Production uses `wrangler secret put NAME`.',
      ...REQUIRED_KEYS.map((key) => `${key}=${fresh[key]}`),
      '',
    ].join('\n');
    writeFileSync(path, text, { mode: 0o600 });
    return { path, created: true, added: [], vars: parseDevVars(text) };
  }
  let text = readFileSync(path, 'utf8');
  const present = parseDevVars(text);
  const added = REQUIRED_KEYS.filter((key) => !present[key]);
  if (added.length > 0) {
    const prefix = text === '' || text.endsWith('\n') ? '' : '\n';
    const extra = `${prefix}# Added by Quotient's scripts:\n${added.map((key) => `${key}=${fresh[key]}`).join('\n')}\n`;
    appendFileSync(path, extra);
    text += extra;
  }
  return { path, created: false, added, vars: parseDevVars(text) };
}

/**
 * The secret to sign demo events with: the first `demo=whsec_...` of WEBHOOK_SECRETS, else the
 * first pair of any source.
 *
 * @example
 * webhookSecret({ WEBHOOK_SECRETS: 'crm=whsec_a,demo=whsec_b' }); // { source: 'demo', secret: 'whsec_b' }
 */
export function webhookSecret(vars: Record<string, string>, preferredSource = DEMO_SOURCE): { source: string; secret: string } {
  const pairs = (vars.WEBHOOK_SECRETS ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return { source: pair.slice(0, at).trim(), secret: pair.slice(at + 1).trim() };
    })
    .filter((p) => p.source !== '' && p.secret.startsWith('whsec_'));
  const chosen = pairs.find((p) => p.source === preferredSource) ?? pairs[0];
  if (!chosen) throw new Error('WEBHOOK_SECRETS in .dev.vars has no `source=whsec_...` pair');
  return chosen;
}
