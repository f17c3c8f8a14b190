import { intervalRatios, quantileSorted } from './prediction-intervals';

describe('prediction intervals', () => {
  it('interpolates quantiles linearly', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 12);
    expect(quantileSorted([7], 0.3)).toBe(7);
  });

  it('takes the 10% and 90% quantiles of actual/forecast per step', () => {
    const step1 = [0.8, 0.9, 1, 1.1, 1.2].map((r) => ({ step: 1, actual: 100 * r, forecast: 100 }));
    const step2 = [{ step: 2, actual: 50, forecast: 100 }, { step: 2, actual: 150, forecast: 100 }, { step: 2, actual: 1, forecast: 0 }];
    const spec = intervalRatios([...step1, ...step2], 3);
    expect(spec.coverage).toBe(0.8);
    expect(spec.lowerRatio[0]).toBeCloseTo(0.84, 12);
    expect(spec.upperRatio[0]).toBeCloseTo(1.16, 12);
    // step 2: ratios 0.5, 1.5 -> 0.6, 1.4 (the zero forecast is left out)
    expect(spec.lowerRatio[1]).toBeCloseTo(0.6, 12);
    expect(spec.upperRatio[1]).toBeCloseTo(1.4, 12);
    // step 3 has no points and falls back to all seven usable ratios
    expect(spec.lowerRatio[2]).toBeCloseTo(quantileSorted([0.5, 0.8, 0.9, 1, 1.1, 1.2, 1.5], 0.1), 12);
  });

  it('keeps the point forecast inside the interval', () => {
    const spec = intervalRatios([{ step: 1, actual: 200, forecast: 100 }], 1);
    expect(spec.lowerRatio[0]).toBe(1);
    expect(spec.upperRatio[0]).toBe(2);
  });
});
