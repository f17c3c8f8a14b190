import * as fc from 'fast-check';
import { drift, meanForecast, naive, seasonalNaive, seasonalNaiveDrift } from './simple';

describe('benchmark forecasts', () => {
  const y = [3, 5, 4, 8];

  it.each([
    ['naive repeats the last value', naive(y, 3), [8, 8, 8]],
    ['mean repeats the mean', meanForecast(y, 2), [5, 5]],
    ['drift extends the first-to-last line', drift(y, 3), [9 + 2 / 3, 11 + 1 / 3, 13]],
    ['seasonal naive repeats the last season', seasonalNaive([1, 2, 3, 4, 5, 6], 5, 3), [4, 5, 6, 4, 5]],
    ['seasonal naive falls back to naive under a season', seasonalNaive(y, 2, 12), [8, 8]],
    ['one value is flat for every method', drift([7], 2), [7, 7]],
    // Season 3: month-on-year-ago changes 4-1, 5-2, 6-3, 8-4 average 3.25, added once per season ahead.
    ['seasonal naive with drift adds the mean change since a season ago', seasonalNaiveDrift([1, 2, 3, 4, 5, 6, 8], 4, 3), [5 + 3.25, 6 + 3.25, 8 + 3.25, 5 + 6.5]],
    ['seasonal naive with drift is seasonal naive until a month has a twin a season earlier', seasonalNaiveDrift([1, 2, 3], 2, 3), [1, 2]],
  ])('%s', (_, actual, expected) => {
    expect(Array.from(actual)).toHaveLength(expected.length);
    Array.from(actual).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('seasonal naive with drift continues a launch ramp that plain seasonal naive sends back a year', () => {
    const ramp = Array.from({ length: 14 }, (_, t) => 5 + t);
    expect(Array.from(seasonalNaiveDrift(ramp, 3))).toEqual([19, 20, 21]);
    expect(Array.from(seasonalNaive(ramp, 3))).toEqual([7, 8, 9]);
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
