import { quantileSorted } from './quantile';

describe('quantileSorted', () => {
  it('interpolates quantiles linearly', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 12);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});
