/** The Worker's bindings and settings (api.md "Secrets and settings"), read and checked once. */
import { isValidTimezone } from '../shared/period.ts';
import { ProblemError } from './problem.ts';

export interface Env {
  DB: D1Database;
  /** Comma-separated `source=whsec_...` pairs; a source may repeat (secret rotation). */
  WEBHOOK_SECRETS?: string;
  READ_TOKEN?: string;
  ADMIN_TOKEN?: string;
  /** IANA zone; default UTC. */
  ORG_TIMEZONE?: string;
  /** ISO 4217; default USD. */
  ORG_CURRENCY?: string;
  /** How many snapshot versions to keep (older ones are pruned after each write); default 30. */
  SNAPSHOT_RETAIN?: string;
  /** Called (POST) after each recompute that wrote a new snapshot, so the site is rebuilt. */
  DEPLOY_HOOK_URL?: string;
}

export interface WebhookSecret {
  source: string;
  /** The HMAC key: the base64-decoded part after `whsec_`. */
  key: Uint8Array<ArrayBuffer>;
}

export interface OrgSettings {
  timezone: string;
  currency: string;
}

/** A misconfiguration: answered as 500 with the setting's name, never silently ignored. */
function configError(name: string, message: string): ProblemError {
  return new ProblemError(500, 'Server misconfigured', `${name} ${message}`, 'misconfigured');
}

/** ORG_TIMEZONE and ORG_CURRENCY with their defaults, validated. */
export function orgSettings(env: Env): OrgSettings {
  const timezone = env.ORG_TIMEZONE?.trim() || 'UTC';
  const currency = env.ORG_CURRENCY?.trim() || 'USD';
  if (!isValidTimezone(timezone)) throw configError('ORG_TIMEZONE', `is not an IANA timezone: ${timezone}`);
  if (!/^[A-Z]{3}$/.test(currency)) throw configError('ORG_CURRENCY', `must be an ISO 4217 code such as USD: ${currency}`);
  return { timezone, currency };
}

/** SNAPSHOT_RETAIN as a whole number >= 1 (default 30). */
export function snapshotRetention(env: Env): number {
  const text = env.SNAPSHOT_RETAIN?.trim();
  if (!text) return 30;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw configError('SNAPSHOT_RETAIN', `must be a whole number >= 1: ${text}`);
  return n;
}

const secretsCache = new Map<string, WebhookSecret[]>();

/**
 * Parses WEBHOOK_SECRETS.
 *
 * @example parseWebhookSecrets('crm=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') // [{ source: 'crm', key: Uint8Array(24) }]
 */
export function parseWebhookSecrets(text: string | undefined): WebhookSecret[] {
  if (!text?.trim()) throw configError('WEBHOOK_SECRETS', 'is not set: no sender can be verified');
  const cached = secretsCache.get(text);
  if (cached) return cached;
  const secrets = text.split(',').map((pair, i) => {
    const eq = pair.indexOf('=');
    const source = pair.slice(0, eq).trim();
    const secret = pair.slice(eq + 1).trim();
    if (eq < 1 || !source || !secret.startsWith('whsec_')) {
      throw configError('WEBHOOK_SECRETS', `entry ${i + 1} must look like source=whsec_<base64>`);
    }
    try {
      return { source, key: Uint8Array.from(atob(secret.slice('whsec_'.length)), (ch) => ch.charCodeAt(0)) };
    } catch {
      throw configError('WEBHOOK_SECRETS', `entry ${i + 1} (${source}): the part after whsec_ is not base64`);
    }
  });
  secretsCache.set(text, secrets);
  return secrets;
}
