/**
 * `npm run worker -- [wrangler dev args]`: the Worker on local D1, ready to use.
 *
 * 1. Makes sure `.dev.vars` exists (writes development secrets when missing).
 * 2. Applies the D1 migrations locally, into the same `--persist-to` directory the dev server
 *    will use when one is passed.
 * 3. Runs `wrangler dev --test-scheduled <your args>` in this terminal (Ctrl-C stops it).
 *
 * @example
 * npm run worker -- --port 8787 --persist-to .wrangler/my-state
 */
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { DEV_VARS, ROOT, WRANGLER, migrationArgs, persistToArg, toolEnv } from './lib/tools.ts';
import { ensureDevVars } from './lib/dev-vars.ts';
import { run } from './lib/processes.ts';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const env = toolEnv();

  const devVars = ensureDevVars(DEV_VARS);
  const where = relative(process.cwd(), devVars.path) || devVars.path;
  if (devVars.created) console.log(`Wrote development secrets to ${where} (WEBHOOK_SECRETS, READ_TOKEN, ADMIN_TOKEN).`);
  else if (devVars.added.length > 0) console.log(`Added ${devVars.added.join(', ')} to ${where}.`);
  else console.log(`Using secrets from ${where}.`);

  const persistTo = persistToArg(args);
  console.log(`Applying D1 migrations (local${persistTo === undefined ? '' : `, --persist-to ${persistTo}`})...`);
  const migrated = await run(process.execPath, [WRANGLER, ...migrationArgs(persistTo)], { cwd: ROOT, env });
  if (migrated !== 0) {
    console.error(`Migrations failed (wrangler exited with ${migrated}); not starting the Worker.`);
    return migrated;
  }

  const devArgs = ['dev', ...(args.includes('--test-scheduled') ? [] : ['--test-scheduled']), ...args];
  // Same terminal and process group as us: Ctrl-C reaches wrangler directly and it shuts down
  // its workerd processes itself; we only wait for it and pass its exit code on.
  const child = spawn(process.execPath, [WRANGLER, ...devArgs], { cwd: ROOT, env, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => {}); // wrangler gets the terminal's SIGINT itself
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGHUP', forward('SIGHUP'));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
