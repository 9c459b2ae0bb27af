/**
 * Instruction counts of a command, from valgrind (cachegrind without its cache simulation): a
 * figure the machine's load does not move. On the shared machines here the same bare site build
 * took 13.9 s of CPU in one round and 26.8 s in another; its instructions vary by a few percent
 * (Node's compiler and garbage collector run on threads of their own, so their work shifts a
 * little from run to run). They count work, not time (a cache miss costs no more than a hit), so
 * they complement the timed rounds rather than replace them.
 */
import { existsSync, readFileSync } from 'node:fs';

/** Debian's valgrind (`apt-get install -y valgrind`); the benchmark's instruction mode needs it. */
export const VALGRIND = '/usr/bin/valgrind';

/** Throws, saying how to install it, when valgrind is not there: before any build starts. */
export function requireValgrind(): void {
  if (!existsSync(VALGRIND)) throw new Error(`--instructions needs valgrind at ${VALGRIND}: apt-get install -y valgrind`);
}

/**
 * `command args` prefixed to run under valgrind, counting instructions of every thread of the
 * process (not of its child processes). Node's JIT writes code at run time, hence `--smc-check`.
 *
 * @example underValgrind(process.execPath, ['build.js']) // ['/usr/bin/valgrind', ['--tool=cachegrind', ..., process.execPath, 'build.js']]
 */
export function underValgrind(command: string, args: readonly string[]): [string, string[]] {
  requireValgrind();
  return [VALGRIND, ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', '--smc-check=all-non-file', command, ...args]];
}

/**
 * The instructions valgrind counted, from its summary line (`==123== I   refs:      72,291,667,920`)
 * in the log `path`; the last such line when there are several.
 *
 * @example instructionsIn('/tmp/real-build.log') // 72291667920
 */
export function instructionsIn(path: string): number {
  const lines = readFileSync(path, 'utf8').match(/^==\d+== I\s+refs:\s+([\d,]+)\s*$/gm);
  if (lines === null) throw new Error(`no instruction count (valgrind's "I refs" line) in ${path}`);
  const count = Number(lines.at(-1)!.replace(/^.*refs:\s+/, '').replaceAll(',', ''));
  if (!Number.isSafeInteger(count) || count <= 0) throw new Error(`unreadable instruction count in ${path}: ${lines.at(-1)}`);
  return count;
}
