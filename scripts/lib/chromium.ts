/**
 * Where Chromium is and how it is started on these machines: Debian's package (`apt-get install
 * -y chromium`; `npx playwright install` cannot download a browser here), headless, sandbox off
 * (CI runs as root), and nothing that reaches for the network on its own.
 */
import { existsSync } from 'node:fs';

/** `CHROMIUM_PATH` when set, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
}

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium binary, or an error that says how to install it. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = chromiumPath(env);
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's package: apt-get update && apt-get install -y chromium ` +
        '(.ci/run does this), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return path;
}
