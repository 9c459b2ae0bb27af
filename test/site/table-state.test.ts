import { describe, expect, it } from 'vitest';
import type { ClientTable } from '../../site/data/table.ts';
import { initialState, paramNames, readState, toggleSort, visibleRows, writeState } from '../../site/islands/table-state.ts';

const t: ClientTable = {
  id: 'leaderboard',
  caption: 'Reps',
  columns: [
    { key: 'rep', label: 'Rep', numeric: false },
    { key: 'net_revenue', label: 'Net revenue', numeric: true },
    { key: 'attainment', label: 'Of pace', numeric: true },
  ],
  rows: [
    [['Ana Lima', 'ana lima', null, null], ['$5,000', 5000, null, null], ['107.1%', 1.071, null, null]],
    [['Ben Okafor', 'ben okafor', null, null], ['$3,000', 3000, null, null], ['—', null, null, 'No target']],
    [['Cleo Park', 'cleo park', null, null], ['$4,000', 4000, null, null], ['77.9%', 0.779, null, null]],
    [['Zoë Ngata', 'zoë ngata', null, null], ['$4,000', 4000, null, null], ['80.0%', 0.8, null, null]],
  ],
  rowHeader: 0,
  defaultSort: { key: 'net_revenue', dir: 'desc' },
  empty: 'No reps.',
};

describe('paramNames', () => {
  it('are sort, dir and q, prefixed for a second table', () => {
    expect(paramNames()).toEqual({ sort: 'sort', dir: 'dir', q: 'q' });
    expect(paramNames('weeks-')).toEqual({ sort: 'weeks-sort', dir: 'weeks-dir', q: 'weeks-q' });
  });
});

describe('readState', () => {
  it('reads sort, dir and q', () => {
    expect(readState('?sort=rep&dir=desc&q=ana', t)).toEqual({ sort: 'rep', dir: 'desc', q: 'ana' });
  });

  it('starts a column without dir in its natural order: text A–Z, numbers high first', () => {
    expect(readState('?sort=rep', t)).toMatchObject({ sort: 'rep', dir: 'asc' });
    expect(readState('?sort=attainment', t)).toMatchObject({ sort: 'attainment', dir: 'desc' });
  });

  it('falls back to the default for an unknown column or direction', () => {
    expect(readState('?sort=nope&dir=sideways', t)).toEqual(initialState(t));
  });

  it('reads only its own prefix', () => {
    expect(readState('?sort=rep&weeks-q=w48', t, 'weeks-')).toEqual({ sort: 'net_revenue', dir: 'desc', q: 'w48' });
  });
});

describe('writeState', () => {
  it('writes a non-default sort and a filter, keeping other parameters', () => {
    expect(writeState('?x=1', { sort: 'rep', dir: 'asc', q: 'ana lima' }, t)).toBe('?x=1&sort=rep&dir=asc&q=ana+lima');
  });

  it('leaves nothing behind for the default view', () => {
    expect(writeState('?sort=rep&dir=asc&q=a', initialState(t), t)).toBe('');
  });
});

describe('toggleSort', () => {
  it('flips the sorted column and starts another in its natural order', () => {
    const state = initialState(t);
    expect(toggleSort(state, t.columns[1]!)).toEqual({ sort: 'net_revenue', dir: 'asc', q: '' });
    expect(toggleSort(state, t.columns[0]!)).toEqual({ sort: 'rep', dir: 'asc', q: '' });
  });
});

describe('visibleRows', () => {
  it('sorts numbers, keeping ties in the given order', () => {
    expect(visibleRows(t, { sort: 'net_revenue', dir: 'desc', q: '' })).toEqual([0, 2, 3, 1]);
    expect(visibleRows(t, { sort: 'net_revenue', dir: 'asc', q: '' })).toEqual([1, 2, 3, 0]);
  });

  it('puts missing values last in either direction', () => {
    expect(visibleRows(t, { sort: 'attainment', dir: 'desc', q: '' })).toEqual([0, 3, 2, 1]);
    expect(visibleRows(t, { sort: 'attainment', dir: 'asc', q: '' })).toEqual([2, 3, 0, 1]);
  });

  it('filters by every word, ignoring case and accents', () => {
    expect(visibleRows(t, { sort: null, dir: 'asc', q: 'ZOE' })).toEqual([3]);
    expect(visibleRows(t, { sort: null, dir: 'asc', q: 'park 77' })).toEqual([2]);
    expect(visibleRows(t, { sort: null, dir: 'asc', q: 'nobody' })).toEqual([]);
  });
});
