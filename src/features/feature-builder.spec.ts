import { buildForecastMatrix, SeriesHistory, writeFeatureRows } from './feature-builder';
import { DEFAULT_FEATURE_OPTIONS, fitFeatureSpec } from './fit-feature-spec';
import { smoothAt, smoothedForecast } from './damped-smoothing';
import { parseMonth } from './month';

// Rows checked here are computed by hand in the comments; the builder writes float32, hence 5 decimals.
const start = parseMonth('2020-01');
const a: SeriesHistory = { country: 'NSW', sku: 'a', attributes: { group: 'g1' }, start, values: Array.from({ length: 26 }, (_, i) => i + 1) };
const b: SeriesHistory = { country: 'VIC', sku: 'b', attributes: { group: 'g2' }, start, values: new Array<number>(26).fill(10) };
const spec = fitFeatureSpec([a, b], {
  ...DEFAULT_FEATURE_OPTIONS,
  lags: [1, 3],
  seasonalLagYears: [1],
  rollingMeanWindows: [3],
  rollingStdWindows: [2],
  scaleWindow: 4,
  xyzWindow: 4,
  maxHorizon: 13,
  attributes: ['group'],
});

function rows(series: SeriesHistory, originIndex: number, horizon: number): number[][] {
  const out = new Float32Array(horizon * spec.names.length);
  writeFeatureRows(out, 0, series, originIndex, horizon, spec);
  return Array.from({ length: horizon }, (_, r) => Array.from(out.subarray(r * spec.names.length, (r + 1) * spec.names.length)));
}

function expectRow(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i]).toBeNaN() : expect(actual[i]).toBeCloseTo(value, 5)));
}

describe('feature builder', () => {
  it('fits the spec: columns, categories, minimum history and ABC/XYZ thresholds', () => {
    expect(spec.names).toEqual([
      'horizon', 'target_month', 'origin_month', 'lag_1', 'lag_3', 'seasonal_lag_1y', 'roll_mean_3', 'roll_std_2',
      'trend_12', 'log_scale', 'abc_class', 'xyz_class', 'country', 'sku', 'attr_group',
    ]);
    expect(spec.categoricals.map((c) => c.categories)).toEqual([['NSW', 'VIC'], ['a', 'b'], ['g1', 'g2']]);
    // trend_12 needs 24 months; the seasonal lag needs 12 at every step up to 13
    expect(spec.minHistory).toBe(24);
    // scales at the last month: a = mean(23..26) = 24.5, b = 10; both are needed to reach 80% of volume
    expect(spec.abc).toEqual({ aMinScale: 10, bMinScale: 10 });
    // cv of a over 23..26 = sqrt(1.25)/24.5, of b = 0; thresholds at the 1/3 and 2/3 quantiles of [0, cv_a]
    const cvA = Math.sqrt(1.25) / 24.5;
    expect(spec.xyz.xMaxCv).toBeCloseTo(cvA / 3, 12);
    expect(spec.xyz.yMaxCv).toBeCloseTo((2 * cvA) / 3, 12);
  });

  it('writes hand-computed rows for steps 1, 12 and 13 from origin 2021-12', () => {
    // origin index 23 (value 24). scale = mean(21..24) = 22.5; cv = sqrt(1.25)/22.5 > yMaxCv -> Z (2); scale >= 10 -> A (0)
    // lag_1 = 24, lag_3 = 22, roll_mean_3 = mean(22,23,24) = 23, roll_std_2 = std(23,24) = 0.5, all over 22.5
    // trend_12 = mean(13..24) / mean(1..12) - 1 = 18.5 / 6.5 - 1; log_scale = ln 22.5
    // seasonal_lag_1y: h=1 -> value 12 months before the target = v[12] = 13; h=12 -> v[23] = 24; h=13 -> v[12] = 13
    const s = 22.5;
    const row = (h: number, targetMonth: number, seasonal: number) =>
      [h, targetMonth, 12, 24 / s, 22 / s, seasonal / s, 23 / s, 0.5 / s, 18.5 / 6.5 - 1, Math.log(s), 0, 2, 0, 0, 0];
    const r = rows(a, 23, 13);
    expectRow(r[0], row(1, 1, 13));
    expectRow(r[11], row(12, 12, 24));
    expectRow(r[12], row(13, 1, 13));
  });

  it('encodes unknown attribute labels and unknown keys as NaN and a flat series as X with zero trend', () => {
    const unknown: SeriesHistory = { ...b, country: 'TAS', attributes: { group: 'g9' } };
    // scale 10: every lag and mean is 1, std 0, trend 10/10 - 1 = 0, cv 0 -> X (0); TAS and g9 are unknown
    expectRow(rows(unknown, 25, 1)[0], [1, 3, 2, 1, 1, 1, 1, 0, 0, Math.log(10), 0, 0, Number.NaN, 1, Number.NaN]);
  });

  it('builds the serving matrix from each series last month, the same rows training writes', () => {
    const matrix = buildForecastMatrix([a, b], 2, spec);
    expect(matrix.rowCount).toBe(4);
    expect(matrix.profiles.map((p) => p.scale)).toEqual([24.5, 10]);
    const fromTraining = new Float32Array(2 * spec.names.length);
    writeFeatureRows(fromTraining, 0, b, 25, 2, spec);
    expect(Array.from(matrix.data.subarray(2 * spec.names.length))).toEqual(Array.from(fromTraining));
  });

  it('appends smoothed_forecast and smoothed_growth when the spec asks for smoothing, leaving other columns as they were', () => {
    const smoothing = { window: 24, alpha: 1, beta: 1, gamma: 0, phi: 0.5, seasonality: 'additive' as const };
    const withSmoothing = fitFeatureSpec([a, b], { ...DEFAULT_FEATURE_OPTIONS, lags: [1, 3], seasonalLagYears: [1], rollingMeanWindows: [3], rollingStdWindows: [2], scaleWindow: 4, xyzWindow: 4, maxHorizon: 13, attributes: ['group'], smoothing });
    expect(withSmoothing.names).toEqual([...spec.names, 'smoothed_forecast', 'smoothed_growth']);
    expect(withSmoothing.minHistory).toBe(24);
    const out = new Float32Array(2 * withSmoothing.names.length);
    writeFeatureRows(out, 0, a, 23, 2, withSmoothing);
    const width = withSmoothing.names.length;
    const r = (row: number) => Array.from(out.subarray(row * width, (row + 1) * width));
    expect(r(0).slice(0, spec.names.length)).toEqual(rows(a, 23, 2)[0]);
    // a = 1..24 over 24 months: α = β = 1 leave the level at the last value less its index, the trend at the last change
    const state = smoothAt(a.values, 23, smoothing);
    const scale = 22.5;
    expectRow(r(0).slice(-2), [smoothedForecast(state, 1, smoothing) / scale, (12 * state.trend) / state.level]);
    expectRow(r(1).slice(-2), [smoothedForecast(state, 2, smoothing) / scale, (12 * state.trend) / state.level]);
    // indices from the first year are v - 6.5; levels then follow v minus its index: 24 - 5.5 = 18.5, trend 0
    expect(state.level).toBeCloseTo(18.5, 9);
    expect(r(0)[width - 2]).toBeCloseTo((18.5 + 1 - 6.5) / scale, 5);
  });
});
