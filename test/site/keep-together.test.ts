import { describe, expect, it } from 'vitest';
import { keepTogether } from '../../site/data/keep-together.ts';

describe('keepTogether', () => {
  it('cuts the text around the phrase, and the pieces join back to the text', () => {
    const pieces = keepTogether('vs $40,000 in Oct 1–30', 'Oct 1–30');
    expect(pieces).toEqual([
      { text: 'vs $40,000 in ', together: false },
      { text: 'Oct 1–30', together: true },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe('vs $40,000 in Oct 1–30');
  });

  it('keeps every occurrence together and leaves text without the phrase whole', () => {
    expect(keepTogether('Oct 1–3 and Oct 1–3.', 'Oct 1–3')).toEqual([
      { text: 'Oct 1–3', together: true },
      { text: ' and ', together: false },
      { text: 'Oct 1–3', together: true },
      { text: '.', together: false },
    ]);
    expect(keepTogether('86.7% of the month gone by', 'pace')).toEqual([{ text: '86.7% of the month gone by', together: false }]);
    expect(keepTogether('text', '')).toEqual([{ text: 'text', together: false }]);
  });
});
