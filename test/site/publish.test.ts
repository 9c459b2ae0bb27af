import { describe, expect, it } from 'vitest';
import { inlineCsvMaxChars, publishAppraisals } from '../../site/data/publish.ts';

describe('publishAppraisals', () => {
  it('publishes by default', () => {
    expect(publishAppraisals({})).toBe(true);
    expect(publishAppraisals({ PUBLISH_APPRAISALS: '' })).toBe(true);
    expect(publishAppraisals({ PUBLISH_APPRAISALS: 'true' })).toBe(true);
  });

  it('leaves the appraisals out with false, 0 or no, in any case', () => {
    for (const value of ['false', 'FALSE', ' False ', '0', 'no']) expect(publishAppraisals({ PUBLISH_APPRAISALS: value }), value).toBe(false);
  });

  it('stops on any other value rather than guess', () => {
    expect(() => publishAppraisals({ PUBLISH_APPRAISALS: 'off' })).toThrow('PUBLISH_APPRAISALS: expected true or false, got "off"');
  });
});

describe('inlineCsvMaxChars', () => {
  it('inlines CSVs up to 4,096 characters by default', () => {
    expect(inlineCsvMaxChars({})).toBe(4096);
    expect(inlineCsvMaxChars({ CSV_INLINE_MAX_CHARS: ' ' })).toBe(4096);
  });

  it('takes a whole number of characters; 0 makes every table CSV a file', () => {
    expect(inlineCsvMaxChars({ CSV_INLINE_MAX_CHARS: '0' })).toBe(0);
    expect(inlineCsvMaxChars({ CSV_INLINE_MAX_CHARS: ' 20000 ' })).toBe(20000);
  });

  it('stops on anything else rather than guess', () => {
    for (const value of ['4k', '-1', '1.5', '1e4', 'none']) {
      expect(() => inlineCsvMaxChars({ CSV_INLINE_MAX_CHARS: value }), value).toThrow(`CSV_INLINE_MAX_CHARS: expected a whole number of characters, got ${JSON.stringify(value)}`);
    }
  });
});
