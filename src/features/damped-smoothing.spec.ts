import { smoothAt, smoothedForecast } from './damped-smoothing';
import { SmoothingSpec } from './feature-spec';

const pattern = [0.8, 0.9, 1.2, 1, 1.1, 0.7, 1.3, 1, 0.9, 1.05, 0.95, 1.1];
const spec = (seasonality: SmoothingSpec['seasonality'], window = 24): SmoothingSpec => ({ window, alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9, seasonality });

describe('damped smoothing', () => {
  it('reproduces a stable multiplicative season exactly, whatever the parameters', () => {
    // level = 100 * mean(pattern), trend 0, indices pattern / mean: every recursion is at its fixed point
    const values = Array.from({ length: 40 }, (_, t) => 100 * pattern[t % 12]);
    const state = smoothAt(values, 35, spec('multiplicative'));
    expect(state.trend).toBeCloseTo(0, 12);
    // origin index 35 is phase 11, so step h lands on phase (35 + h) % 12
    for (const h of [1, 5, 12, 13, 18]) expect(smoothedForecast(state, h, spec('multiplicative'))).toBeCloseTo(100 * pattern[(35 + h) % 12], 9);
  });

  it('continues the last trend, damped: l + (φ + … + φ^h) b', () => {
    // additive: a flat first year (level 10, indices 0), then +12 a month up to 154 at t = 23. With α = β = 1 and
    // γ = 0 the level is the last value and the trend the last change: l = 154, b = 12; φ = 0.5 gives
    // h = 1: 154 + 0.5 * 12 = 160, h = 2: 154 + 0.75 * 12 = 163
    const values = Array.from({ length: 24 }, (_, t) => (t < 12 ? 10 : 10 + 12 * (t - 11)));
    const s: SmoothingSpec = { window: 24, alpha: 1, beta: 1, gamma: 0, phi: 0.5, seasonality: 'additive' };
    const state = smoothAt(values, 23, s);
    expect(state.level).toBeCloseTo(154, 9);
    expect(state.trend).toBeCloseTo(12, 9);
    expect(smoothedForecast(state, 1, s)).toBeCloseTo(160, 9);
    expect(smoothedForecast(state, 2, s)).toBeCloseTo(163, 9);
  });

  it('reads only the last `window` months up to the origin', () => {
    const values = Array.from({ length: 60 }, (_, t) => 50 + t + 10 * pattern[t % 12]);
    const changedEarly = values.map((v, t) => (t < 60 - 36 ? v * 7 : v));
    expect(smoothAt(changedEarly, 59, spec('multiplicative', 36))).toEqual(smoothAt(values, 59, spec('multiplicative', 36)));
  });

  it('falls back to additive indices where multiplicative ones are undefined', () => {
    const withZeros = Array.from({ length: 24 }, (_, t) => (t % 12 === 3 ? 0 : 10 + t));
    const state = smoothAt(withZeros, 23, spec('multiplicative'));
    expect(state).toEqual(smoothAt(withZeros, 23, spec('additive')));
    expect(state.additive).toBe(true);
    expect(Number.isFinite(smoothedForecast(state, 7, spec('multiplicative')))).toBe(true);
  });
});
