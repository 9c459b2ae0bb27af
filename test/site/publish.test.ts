import { describe, expect, it } from 'vitest';
import { publishAppraisals } from '../../site/data/publish.ts';

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
