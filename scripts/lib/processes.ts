/**
 * Child processes of the pipeline scripts, and the promise that none outlives us.
 *
 * Long-running children (wrangler dev, astro preview) are started in their own process group, so
 * stopping one stops the helpers it started too (wrangler runs workerd processes), and a Ctrl-C
 * in the terminal reaches only us: we then stop each child group we started, by its id.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set<ChildProcess>();
let cleanupInstalled = false;
let stopping = false;

/** True once a signal or an uncaught error has started the shutdown: child exits are expected then. */
export function isStopping(): boolean {
  return stopping;
}

/** Send a signal to a child's whole process group (it leads its group: spawned detached). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Start a long-running child in its own process group, tracked for {@link stopChildren}.
 * Output goes to `logPath` when given (appended), else is ignored.
 */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions & { logPath?: string } = {}): ChildProcess {
  const { logPath, ...spawnOptions } = options;
  const fd = logPath === undefined ? 'ignore' : openSync(logPath, 'a');
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', fd, fd] });
  if (typeof fd === 'number') closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Stop every tracked child group: SIGTERM, then SIGKILL for any still running after `graceMs`.
 */
export async function stopChildren(graceMs = 5000): Promise<void> {
  const running = [...children];
  if (running.length === 0) return;
  const exited = running.map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      }),
  );
  for (const child of running) signalGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([Promise.all(exited), timer])) === 'timeout') {
    for (const child of running) signalGroup(child, 'SIGKILL');
  }
}

/**
 * Stop the children on Ctrl-C, on SIGTERM/SIGHUP, on an uncaught error and, as a last resort,
 * synchronously at exit. `onSignal` runs first (e.g. to print a goodbye).
 */
export function installCleanup(onSignal?: (signal: string) => void): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const stopAndExit = (code: number, signal: string): void => {
    if (stopping) return;
    stopping = true;
    onSignal?.(signal);
    void stopChildren().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => stopAndExit(130, 'SIGINT'));
  process.on('SIGTERM', () => stopAndExit(143, 'SIGTERM'));
  process.on('SIGHUP', () => stopAndExit(129, 'SIGHUP'));
  process.on('uncaughtException', (error) => {
    console.error(error);
    stopAndExit(1, 'error');
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    stopAndExit(1, 'error');
  });
  process.on('exit', () => {
    for (const child of children) signalGroup(child, 'SIGTERM');
  });
}

/**
 * Run a command to completion with output appended to `logPath` (or shown in this terminal when
 * no log is given). Stdin is never a terminal, so tools that would prompt (wrangler asks before
 * applying migrations) take their non-interactive default instead. Resolves with the exit code;
 * never rejects for a non-zero code.
 */
export function run(command: string, args: readonly string[], options: SpawnOptions & { logPath?: string } = {}): Promise<number> {
  const { logPath, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const fd = logPath === undefined ? null : openSync(logPath, 'a');
    const child = spawn(command, args, { ...spawnOptions, stdio: fd === null ? ['ignore', 'inherit', 'inherit'] : ['ignore', fd, fd] });
    if (fd !== null) closeSync(fd);
    children.add(child);
    child.once('error', (error) => {
      children.delete(child);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** The last `lines` lines of a text file ('' when it cannot be read). */
export function tail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** A TCP port free on `host` right now (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Poll `url` until `ready(response)` holds. Fails early when `child` exits, and with a clear
 * message after `timeoutMs`.
 */
export async function waitForUrl(
  url: string,
  options: { timeoutMs: number; child?: ChildProcess; what: string; ready?: (response: Response, body: string) => boolean },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (options.child && (options.child.exitCode !== null || options.child.signalCode !== null)) {
      throw new Error(`${options.what} exited (code ${options.child.exitCode ?? options.child.signalCode}) before it was ready`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const body = await response.text();
      if (options.ready ? options.ready(response, body) : response.ok) return;
      last = `HTTP ${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${options.what} was not ready at ${url} after ${Math.round(options.timeoutMs / 1000)} s (last: ${last})`);
}
