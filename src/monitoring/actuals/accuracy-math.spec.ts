import { countable, errorParts } from './accuracy-math';

describe('errorParts', () => {
  it.each([
    { forecast: 120, actual: 100, parts: { actual: 100, absError: 20, over: 20, under: 0 } },
    { forecast: 70, actual: 100, parts: { actual: 100, absError: 30, over: 0, under: 30 } },
    { forecast: 5, actual: 5, parts: { actual: 5, absError: 0, over: 0, under: 0 } },
  ])('splits forecast $forecast vs actual $actual into over and under', ({ forecast, actual, parts }) => {
    expect(errorParts(forecast, actual)).toEqual(parts);
  });
});
describe('countable', () => {
  it.each([
    [120, 100, true],
    [0, 0, true],
    [1e15, 0, true],
    [1, 1e308, false],
    [Number.NaN, 100, false],
    [Infinity, 100, false],
    [100, 2e15, false],
  ])('forecast %d against actual %d may reach a counter: %s', (forecast, actual, expected) => {
    expect(countable(errorParts(forecast, actual))).toBe(expected);
  });
});
