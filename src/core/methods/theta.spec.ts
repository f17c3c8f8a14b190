import * as fc from 'fast-check';
import { fitSes, runSes } from './ses';
import { fitTheta, forecastTheta, isSeasonal } from './theta';

const indices = [1.2, 0.8, 1.1, 1, 1.05, 0.85, 1.3, 0.9, 0.95, 1.1, 0.75, 1.0];

describe('simple exponential smoothing', () => {
  it('uses the least-squares initial level for a given α (by hand)', () => {
    // α = 0.5 on 1, 2, 3: errors from ℓ0 = 0 are 1, 1.5, 1.75 with weights 1, 0.5, 0.25 → ℓ0 = 2.1875 / 1.3125
    const { level0, level } = runSes([1, 2, 3], 0.5);
    expect(level0).toBeCloseTo(5 / 3, 12);
    expect(level).toBeCloseTo(7 / 3, 12);
  });

  it('fits α near 1 for a line, and a constant exactly', () => {
    expect(fitSes([1, 2, 3, 4, 5, 6, 7, 8]).alpha).toBeGreaterThan(0.99);
    expect(fitSes([5, 5, 5, 5, 5]).sse).toBeCloseTo(0, 12);
  });
});

describe('Theta method (thetaf)', () => {
  it('detects lag-12 seasonality, and none in a line or a constant', () => {
    expect(isSeasonal(Array.from({ length: 48 }, (_, t) => 100 * indices[t % 12]), 12)).toBe(true);
    expect(isSeasonal(Array.from({ length: 48 }, (_, t) => t), 12)).toBe(false);
    expect(isSeasonal(new Array(48).fill(3), 12)).toBe(false);
    expect(isSeasonal(Array.from({ length: 24 }, (_, t) => indices[t % 12]), 12)).toBe(false);
  });

  it('recovers an exact multiplicative seasonal pattern', () => {
    const y = Array.from({ length: 48 }, (_, t) => 100 * indices[t % 12]);
    const params = fitTheta(y);
    expect(params.seasonal).toBe(true);
    forecastTheta(y, params, 12).forEach((v, h) => expect(v).toBeCloseTo(100 * indices[(48 + h) % 12], 6));
  });

  it('forecasts a constant series flat', () => {
    const y = new Array(30).fill(8);
    for (const v of forecastTheta(y, fitTheta(y), 18)) expect(v).toBeCloseTo(8, 9);
  });

  it('follows the standard formula on a line: SES level plus half the slope times (h − 1 + (1 − (1 − α)^n)/α)', () => {
    const y = Array.from({ length: 20 }, (_, t) => 1 + 2 * t);
    const params = { kind: 'theta' as const, label: 'theta' as const, period: 12, seasonal: false, alpha: 0.5, sigma: 0 };
    const { level } = runSes(y, 0.5);
    const weight = (1 - 0.5 ** 20) / 0.5;
    forecastTheta(y, params, 3).forEach((v, h) => expect(v).toBeCloseTo(level + 1 * (h + weight), 9));
  });

  it('answers one value with that value', () => {
    expect(Array.from(forecastTheta([4], fitTheta([4]), 3))).toEqual([4, 4, 4]);
  });

  it('is deterministic, finite and non-negative for any non-negative history', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 60 }), (y) => {
        const params = fitTheta(y);
        const forecast = forecastTheta(y, params, 18);
        expect(Array.from(forecastTheta(y, fitTheta(y), 18))).toEqual(Array.from(forecast));
        for (const v of forecast) expect(Number.isFinite(v) && v >= 0).toBe(true);
        expect(Number.isFinite(params.sigma)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
