import { historyLengthSegment, orderLabels, volumeQuartiles, zeroShareSegment } from './segments';

describe('segment assignment', () => {
  it.each([
    [1, '<24'],
    [23, '<24'],
    [24, '24-47'],
    [47, '24-47'],
    [48, '48-95'],
    [95, '48-95'],
    [96, '96+'],
    [300, '96+'],
  ])('%i months of history is %s', (months, label) => expect(historyLengthSegment(months)).toBe(label));

  const withZeros = (zeros: number, of: number) => Array.from({ length: of }, (_, i) => (i < zeros ? 0 : 5));
  it.each([
    [0, 10, '0'],
    [1, 10, '(0,30%)'],
    [29, 100, '(0,30%)'],
    [3, 10, '[30,50%)'],
    [49, 100, '[30,50%)'],
    [5, 10, '>=50%'],
    [10, 10, '>=50%'],
  ])('%i zeros in %i months is %s', (zeros, of, label) => expect(zeroShareSegment(withZeros(zeros, of))).toBe(label));

  it.each([
    { volumes: [40, 10, 30, 20], expected: ['Q4 (highest)', 'Q1 (lowest)', 'Q3', 'Q2'] },
    { volumes: [5, 1, 2, 3, 4, 6, 7, 8], expected: ['Q3', 'Q1 (lowest)', 'Q1 (lowest)', 'Q2', 'Q2', 'Q3', 'Q4 (highest)', 'Q4 (highest)'] },
    // Ties keep panel order, so equal volumes still split evenly.
    { volumes: [1, 1, 1, 1], expected: ['Q1 (lowest)', 'Q2', 'Q3', 'Q4 (highest)'] },
    { volumes: [7], expected: ['Q1 (lowest)'] },
  ])('volume quartiles of $volumes', ({ volumes, expected }) => expect(volumeQuartiles(volumes)).toEqual(expected));

  it('orders labels by the dimension, countries alphabetically', () => {
    expect(orderLabels('history length', ['96+', '<24', '48-95'])).toEqual(['<24', '48-95', '96+']);
    expect(orderLabels('country', ['VIC', 'ACT', 'NSW'])).toEqual(['ACT', 'NSW', 'VIC']);
  });
});
