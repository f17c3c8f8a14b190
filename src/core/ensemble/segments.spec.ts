import { historyTraits, lengthBand, lookupKeys, segmentKeys, zeroBand } from './segments';

describe('segments', () => {
  it.each([
    [1, '1-11'],
    [11, '1-11'],
    [12, '12-23'],
    [47, '24-47'],
    [48, '48-95'],
    [96, '96+'],
    [400, '96+'],
  ])('a history of %i months is in length band %s', (length, band) => expect(lengthBand(length)).toBe(band));

  it.each([
    [0, 'none'],
    [0.01, 'some'],
    [0.3, 'some'],
    [0.31, 'intermittent'],
    [1, 'intermittent'],
  ])('a zero share of %d is %s', (share, band) => expect(zeroBand(share)).toBe(band));

  it('reads the share of zeros over the last 36 months only', () => {
    const values = [...Array(40).fill(0), ...Array(36).fill(5)];
    expect(historyTraits(values)).toEqual({ length: 76, zeroShare: 0 });
    expect(historyTraits([0, 3, 0, 3])).toEqual({ length: 4, zeroShare: 0.5 });
  });

  it('keys from the most specific segment to the catch-all', () => {
    expect(segmentKeys({ length: 30, zeroShare: 0.5 })).toEqual(['24-47|intermittent', '*|intermittent', '*|*']);
  });

  it('looks up weights in the nearest history length first, longer before shorter, then the pooled keys', () => {
    expect(lookupKeys({ length: 60, zeroShare: 0 })).toEqual(['48-95|none', '96+|none', '24-47|none', '12-23|none', '1-11|none', '*|none', '*|*']);
    expect(lookupKeys({ length: 5, zeroShare: 0.5 })[0]).toBe('1-11|intermittent');
  });
});
