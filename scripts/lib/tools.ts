/**
 * Where the project's tools live and the environment they run in. Tools are started as
 * `<this node> <tool's bin script>`, not through a shell or PATH, so they run on the same Node 24
 * as the script and a process id is the tool itself.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
export const ASTRO = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
export const DEV_VARS = join(ROOT, '.dev.vars');

/** The environment for wrangler and astro: no telemetry, no network lookups (api/toolchain notes). */
export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    ASTRO_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

/**
 * The value of `--persist-to` in wrangler-style arguments (`--persist-to DIR` or
 * `--persist-to=DIR`), or undefined.
 *
 * @example
 * persistToArg(['--port', '8787', '--persist-to', '.wrangler/x']); // '.wrangler/x'
 */
export function persistToArg(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--persist-to') return args[i + 1];
    if (arg.startsWith('--persist-to=')) return arg.slice('--persist-to='.length);
  }
  return undefined;
}

/** Arguments for `wrangler d1 migrations apply DB --local [--persist-to DIR]`. */
export function migrationArgs(persistTo?: string): string[] {
  return ['d1', 'migrations', 'apply', 'DB', '--local', ...(persistTo === undefined ? [] : ['--persist-to', persistTo])];
}

/** Milliseconds as `1.2 s` or `850 ms`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
