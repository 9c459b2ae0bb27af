/** The site benchmark's instruction counts, read from valgrind's summary in a build log. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { instructionsIn } from '../../scripts/bench/instructions.ts';

const dir = mkdtempSync(join(tmpdir(), 'instructions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function log(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// As valgrind 3.19's cachegrind (--cache-sim=no) ends a run, after the build's own output.
const SUMMARY = (refs: string) => `==22998== \n==22998== I   refs:      ${refs}\n`;

describe('instructionsIn', () => {
  it("reads valgrind's instruction count from the log, after the build's own lines", () => {
    const path = log('one.log', `22:29:41 [build] 4505 page(s) built in 5m 26s\n22:29:41 [build] Complete!\n${SUMMARY('72,291,667,920')}`);
    expect(instructionsIn(path)).toBe(72_291_667_920);
  });

  it('takes the last count when a log holds several runs (rounds append to one log)', () => {
    const path = log('two.log', `${SUMMARY('43,770,144,981')}[build] Complete!\n${SUMMARY('1,164,760,242')}`);
    expect(instructionsIn(path)).toBe(1_164_760_242);
  });

  it('does not take a page or a build line that mentions refs for the count', () => {
    const path = log('lookalike.log', `/docs/refs/index.html (+3ms)\nI refs: 12\n${SUMMARY('9,001')}`);
    expect(instructionsIn(path)).toBe(9001);
  });

  it('says which log has no count (the build did not run under valgrind, or was killed)', () => {
    const path = log('none.log', '[build] Complete!\n');
    expect(() => instructionsIn(path)).toThrow(`no instruction count (valgrind's "I refs" line) in ${path}`);
  });
});
