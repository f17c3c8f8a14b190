import * as fc from 'fast-check';
import { fitCroston, fitTsb, forecastCroston, forecastTsb, runCroston, runTsb } from './intermittent';

describe('Croston (SBA)', () => {
  it('smooths sizes and intervals at demands (by hand)', () => {
    // first demand 3 after 2 periods; then 6 after 3: z = 3 + 0.5·3 = 4.5, p = 2 + 0.5·1 = 2.5
    expect(runCroston([0, 3, 0, 0, 6], 0.5).rate).toBeCloseTo(0.75 * (4.5 / 2.5), 12);
    expect(Array.from(forecastCroston([0, 3, 0, 0, 6], { alpha: 0.5 }, 2))).toEqual([1.35, 1.35].map((v) => expect.closeTo(v, 12)));
  });

  it('counts one-step errors only after the first demand', () => {
    // forecasts after the first demand: 0.75·3/2 = 1.125 for the two zeros and the 6
    const run = runCroston([0, 3, 0, 0, 6], 0.5);
    expect(run.count).toBe(3);
    expect(run.sse).toBeCloseTo(2 * 1.125 ** 2 + (6 - 1.125) ** 2, 12);
  });

  it('picks α from its grid by in-sample MSE, and forecasts 0 without demand', () => {
    const y = [0, 0, 5, 0, 0, 0, 4, 0, 6, 0, 0, 5, 0, 0, 0, 0, 7, 0];
    const params = fitCroston(y);
    for (const alpha of [0.01, 0.1, 0.5, 0.9]) expect(runCroston(y, params.alpha).sse).toBeLessThanOrEqual(runCroston(y, alpha).sse);
    expect(Array.from(forecastCroston(new Array(10).fill(0), fitCroston(new Array(10).fill(0)), 3))).toEqual([0, 0, 0]);
  });
});

describe('TSB', () => {
  it('smooths the demand probability every period and sizes at demands (by hand)', () => {
    // d: 0.5 → 0.25 → 0.625 → 0.3125 → 0.65625; z: 2 → 2 → 3
    expect(runTsb([0, 2, 0, 4], 0.5, 0.5).rate).toBeCloseTo(0.65625 * 3, 12);
  });

  it('decays towards 0 after demand stops, unlike Croston', () => {
    const y = [4, 0, 5, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(forecastTsb(y, { alpha: 0.2, beta: 0.3 }, 1)[0]).toBeLessThan(forecastCroston(y, { alpha: 0.2 }, 1)[0]);
    expect(Array.from(forecastTsb([0, 0, 0], fitTsb([0, 0, 0]), 2))).toEqual([0, 0]);
  });

  it('fits α and β with the least in-sample MSE of its grid', () => {
    const y = [0, 3, 0, 0, 2, 0, 4, 0, 0, 0, 3, 0];
    const params = fitTsb(y);
    const best = runTsb(y, params.alpha, params.beta).sse;
    for (const [a, b] of [[0.05, 0.05], [0.3, 0.1], [0.9, 0.9]]) expect(best).toBeLessThanOrEqual(runTsb(y, a, b).sse);
  });
});

describe('intermittent methods on any history', () => {
  it('are finite and non-negative for any non-negative history', () => {
    const sparse = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(sparse, (y) => {
        const croston = fitCroston(y);
        const tsb = fitTsb(y);
        for (const v of [...forecastCroston(y, croston, 6), ...forecastTsb(y, tsb, 6)]) expect(Number.isFinite(v) && v >= 0).toBe(true);
        expect(Number.isFinite(croston.sigma) && Number.isFinite(tsb.sigma)).toBe(true);
      }),
    );
  });

  it('refuse an empty history', () => {
    expect(() => fitCroston([])).toThrow(RangeError);
    expect(() => forecastTsb([], { alpha: 0.1, beta: 0.1 }, 1)).toThrow(RangeError);
  });
});
