import * as fc from 'fast-check';
import { drift, meanForecast, naive, seasonalNaive } from './simple';

describe('benchmark forecasts', () => {
  const y = [3, 5, 4, 8];

  it.each([
    ['naive repeats the last value', naive(y, 3), [8, 8, 8]],
    ['mean repeats the mean', meanForecast(y, 2), [5, 5]],
    ['drift extends the first-to-last line', drift(y, 3), [9 + 2 / 3, 11 + 1 / 3, 13]],
    ['seasonal naive repeats the last season', seasonalNaive([1, 2, 3, 4, 5, 6], 5, 3), [4, 5, 6, 4, 5]],
    ['seasonal naive falls back to naive under a season', seasonalNaive(y, 2, 12), [8, 8]],
    ['one value is flat for every method', drift([7], 2), [7, 7]],
  ])('%s', (_, actual, expected) => {
    expect(Array.from(actual)).toHaveLength(expected.length);
    Array.from(actual).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('drift never forecasts below zero for a non-negative history', () => {
    expect(Array.from(drift([10, 4, 0], 4))).toEqual([0, 0, 0, 0]);
  });

  it('refuses an empty history', () => {
    expect(() => naive([], 3)).toThrow(RangeError);
  });

  it('gives finite, non-negative forecasts for any non-negative history', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 40 }), (history) => {
        for (const method of [naive, seasonalNaive, meanForecast, drift]) {
          for (const v of method(history, 18)) expect(Number.isFinite(v) && v >= 0).toBe(true);
        }
      }),
    );
  });
});
