import { segmentBin, segmentBinCount, segmentLabels } from './segment-bins';

const segment = {
  groups: [
    { label: 'NSW', low: 1, high: 9, edges: [3, 6] },
    { label: 'ACT', low: 0, high: 2, edges: [1] },
  ],
};

describe('segment bins', () => {
  it('labels below, inside and above per group, then unknown', () => {
    expect(segmentLabels(segment)).toEqual(['NSW:below', 'NSW:1', 'NSW:2', 'NSW:3', 'NSW:above', 'ACT:below', 'ACT:1', 'ACT:2', 'ACT:above', '__unknown__']);
    expect(segmentBinCount(segment)).toBe(10);
  });

  it.each([
    [0, 0.5, 0],
    [0, 3, 1],
    [0, 4, 2],
    [0, 8, 3],
    [0, 9.5, 4],
    [1, -1, 5],
    [1, 1.5, 7],
    [1, 3, 8],
    [Number.NaN, 1, 9],
    [7, 1, 9],
  ])('puts label code %d with value %d in bin %d', (code, value, bin) => {
    expect(segmentBin(segment, code, value)).toBe(bin);
  });
});
