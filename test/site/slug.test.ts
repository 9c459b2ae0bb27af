import { describe, expect, it } from 'vitest';
import { pathSegment, pathSegments } from '../../site/data/slug.ts';

describe('pathSegment', () => {
  it('keeps an id that is already a safe path segment', () => {
    expect(pathSegment('team_east')).toBe('team_east');
    expect(pathSegment('rep-01.b')).toBe('rep-01.b');
  });

  it('turns any other id into a readable part and a hash of the whole id', () => {
    const segment = pathSegment('Team East/2');
    expect(segment).toMatch(/^team-east-2-[0-9a-f]{8}$/);
    expect(pathSegment('Team East/2')).toBe(segment); // stable
    expect(pathSegment('team east 2')).not.toBe(segment); // same readable part, other hash
  });

  it('never gives "." or ".." or a leading dot', () => {
    expect(pathSegment('..')).toMatch(/^id-[0-9a-f]{8}$/);
    expect(pathSegment('.hidden')).toMatch(/^hidden-[0-9a-f]{8}$/);
  });

  it('refuses an empty id', () => {
    expect(() => pathSegment('')).toThrow('invalid id');
  });
});

describe('pathSegments', () => {
  it('maps every id to its segment', () => {
    expect([...pathSegments(['a', 'b c'])]).toEqual([
      ['a', 'a'],
      ['b c', pathSegment('b c')],
    ]);
  });

  it('stops when two ids would share a page', () => {
    const taken = pathSegment('x y');
    expect(() => pathSegments(['x y', taken])).toThrow(`share the path segment "${taken}"`);
  });
});
