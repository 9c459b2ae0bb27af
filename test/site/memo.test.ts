import { describe, expect, it } from 'vitest';
import { memoPerSnapshot } from '../../site/data/memo.ts';
import { makeSnapshot } from './make-snapshot.ts';

/** A memoised builder that counts its calls per key. */
function counted(limit?: number) {
  const calls = new Map<string, number>();
  const build = memoPerSnapshot(
    (_snapshot, id: string) => {
      calls.set(id, (calls.get(id) ?? 0) + 1);
      return { id };
    },
    (id) => id,
    limit === undefined ? {} : { limit },
  );
  return { build, calls };
}

describe('memoPerSnapshot', () => {
  it('builds once per snapshot and key, and hands out the same value', () => {
    const { build, calls } = counted();
    const a = makeSnapshot();
    const b = makeSnapshot();
    const first = build(a, 'x');
    expect(build(a, 'x')).toBe(first);
    expect(build(b, 'x')).not.toBe(first);
    build(a, 'y');
    expect(Object.fromEntries(calls)).toEqual({ x: 2, y: 1 });
  });

  it('keeps every value by default', () => {
    const { build, calls } = counted();
    const s = makeSnapshot();
    for (let i = 0; i < 100; i++) build(s, `k${i}`);
    for (let i = 0; i < 100; i++) build(s, `k${i}`);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
  });

  it('with a limit, keeps only the most recently built values: an older one is built again', () => {
    const { build, calls } = counted(2);
    const s = makeSnapshot();
    const a = build(s, 'a');
    build(s, 'b');
    expect(build(s, 'a')).toBe(a); // still kept: a and b are the two newest
    build(s, 'c'); // a, the oldest built, goes
    expect(build(s, 'b')).toBe(build(s, 'b'));
    expect(calls.get('b')).toBe(1);
    expect(build(s, 'a')).not.toBe(a);
    expect(Object.fromEntries(calls)).toEqual({ a: 2, b: 1, c: 1 });
  });

  it('refuses a limit below one', () => {
    expect(() => counted(0)).toThrow('invalid limit: a memo keeps at least one value, got 0');
  });
});
