import { countable, errorParts, summarizeErrors } from './accuracy-math';

describe('errorParts', () => {
  it.each([
    { forecast: 120, actual: 100, parts: { actual: 100, absError: 20, over: 20, under: 0 } },
    { forecast: 70, actual: 100, parts: { actual: 100, absError: 30, over: 0, under: 30 } },
    { forecast: 5, actual: 5, parts: { actual: 5, absError: 0, over: 0, under: 0 } },
  ])('splits forecast $forecast vs actual $actual into over and under', ({ forecast, actual, parts }) => {
    expect(errorParts(forecast, actual)).toEqual(parts);
  });
});

describe('summarizeErrors', () => {
  it('computes WAPE, accuracy and bias as the recording rules do', () => {
    // errors: +20, −30, +10 on actuals 100, 100, 50 → Σ|e| = 60, Σe = 0, ΣA = 250
    const summary = summarizeErrors([errorParts(120, 100), errorParts(70, 100), errorParts(60, 50)]);
    expect(summary.wape).toBeCloseTo(0.24, 12);
    expect(summary.accuracy).toBeCloseTo(0.76, 12);
    expect(summary.bias).toBeCloseTo(0, 12);
  });

  it('reports a positive bias for over-forecasting', () => {
    // errors: +10, +30 on actuals 100, 100 → Σe = 40, ΣA = 200
    const summary = summarizeErrors([errorParts(110, 100), errorParts(130, 100)]);
    expect(summary.bias).toBeCloseTo(0.2, 12);
    expect(summary.wape).toBeCloseTo(0.2, 12);
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
