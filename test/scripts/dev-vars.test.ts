import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { ensureDevVars, parseDevVars, webhookSecret } from '../../scripts/lib/dev-vars.ts';
import { migrationArgs, persistToArg } from '../../scripts/lib/tools.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quotient-dev-vars-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('parseDevVars', () => {
  it('reads KEY=value lines, skipping comments and blank lines, unquoting values', () => {
    expect(parseDevVars('# note\n\nA=1\nexport B = "two words"\nC=\'x=y\'\r\nnot a line\n')).toEqual({ A: '1', B: 'two words', C: 'x=y' });
  });
});

describe('ensureDevVars', () => {
  it('writes a development file with a usable webhook secret and two hex tokens when missing', () => {
    const path = join(dir, '.dev.vars');
    const result = ensureDevVars(path);
    expect(result.created).toBe(true);
    expect(result.vars.WEBHOOK_SECRETS).toMatch(/^demo=whsec_[A-Za-z0-9+/]{32}$/);
    expect(result.vars.READ_TOKEN).toMatch(/^[0-9a-f]{48}$/);
    expect(result.vars.ADMIN_TOKEN).toMatch(/^[0-9a-f]{48}$/);
    expect(result.vars.READ_TOKEN).not.toBe(result.vars.ADMIN_TOKEN);
    expect(parseDevVars(readFileSync(path, 'utf8'))).toEqual(result.vars);
    // 24 random bytes behind the whsec_ prefix, as Standard Webhooks expects.
    const { secret } = webhookSecret(result.vars);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(() => new Webhook(secret)).not.toThrow();
  });

  it('leaves a complete file alone', () => {
    const path = join(dir, '.dev.vars');
    const text = 'WEBHOOK_SECRETS=crm=whsec_c2hvcC1zZWNyZXQtMDEyMzQ1Njc4OQ==\nREAD_TOKEN=r\nADMIN_TOKEN=a\nORG_TIMEZONE=Europe/Paris\n';
    writeFileSync(path, text);
    const result = ensureDevVars(path);
    expect(result).toMatchObject({ created: false, added: [] });
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(result.vars.ORG_TIMEZONE).toBe('Europe/Paris');
  });

  it('appends only the keys that are missing', () => {
    const path = join(dir, '.dev.vars');
    writeFileSync(path, 'READ_TOKEN=mine');
    const result = ensureDevVars(path);
    expect(result.added).toEqual(['WEBHOOK_SECRETS', 'ADMIN_TOKEN']);
    expect(result.vars.READ_TOKEN).toBe('mine');
    expect(parseDevVars(readFileSync(path, 'utf8'))).toEqual(result.vars);
  });
});

describe('webhookSecret', () => {
  it('prefers the demo source, else takes the first pair', () => {
    expect(webhookSecret({ WEBHOOK_SECRETS: 'crm=whsec_a, demo=whsec_b' })).toEqual({ source: 'demo', secret: 'whsec_b' });
    expect(webhookSecret({ WEBHOOK_SECRETS: 'crm=whsec_a,shop=whsec_b' })).toEqual({ source: 'crm', secret: 'whsec_a' });
  });

  it('fails with a clear message when there is no secret', () => {
    expect(() => webhookSecret({})).toThrow('WEBHOOK_SECRETS');
  });
});

describe('persistToArg', () => {
  it('finds --persist-to in both spellings', () => {
    expect(persistToArg(['--port', '8787', '--persist-to', 'state'])).toBe('state');
    expect(persistToArg(['--persist-to=other'])).toBe('other');
    expect(persistToArg(['--port', '8787'])).toBeUndefined();
  });

  it('passes it on to the migrations', () => {
    expect(migrationArgs('state')).toEqual(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', 'state']);
    expect(migrationArgs()).toEqual(['d1', 'migrations', 'apply', 'DB', '--local']);
  });
});
