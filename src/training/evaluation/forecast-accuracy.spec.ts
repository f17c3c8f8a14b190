import { addPoint, emptySums, summarize } from './forecast-accuracy';

describe('forecast accuracy', () => {
  it('computes WAPE, accuracy and bias from sums, by hand', () => {
    const sums = emptySums();
    // forecasts 110, 80, 30 against actuals 100, 100, 50: |e| = 10+20+20 = 50, e = 10-20-20 = -30, ΣA = 250
    addPoint(sums, 110, 100);
    addPoint(sums, 80, 100);
    addPoint(sums, 30, 50);
    const s = summarize(sums);
    expect(s.wape).toBeCloseTo(0.2, 12);
    expect(s.accuracy).toBeCloseTo(0.8, 12);
    expect(s.bias).toBeCloseTo(-0.12, 12);
    expect(s.points).toBe(3);
  });

  it('gives NaN, not a perfect score, when there is no actual volume', () => {
    const sums = emptySums();
    addPoint(sums, 5, 0);
    expect(summarize(sums).wape).toBeNaN();
    expect(summarize(sums).bias).toBeNaN();
  });
});
