import { historyTraits, lengthBand, segmentKeys, zeroBand } from './segments';

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
});
