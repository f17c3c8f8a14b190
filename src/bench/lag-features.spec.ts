import { LAG_FEATURE_COUNT, LAGS, lagForecastRows, lagScale, lagTrainingRows } from './lag-features';

const ramp = (length: number, from = 1): number[] => Array.from({ length }, (_, i) => from + i);

function row(data: Float32Array, index: number): number[] {
  return Array.from(data.subarray(index * LAG_FEATURE_COUNT, (index + 1) * LAG_FEATURE_COUNT));
}

describe('lagScale', () => {
  it.each([
    ['the mean of the last 12 values', ramp(24), 24, 18.5],
    ['the mean of what there is when shorter', [2, 4], 2, 3],
    ['the values before end only', ramp(24), 12, 6.5],
    ['1 for an all-zero series', [0, 0, 0], 3, 1],
    ['1 for an empty history', [], 0, 1],
  ])('is %s', (_, values, end, expected) => {
    expect(lagScale(values, end)).toBeCloseTo(expected, 10);
  });
});

describe('lagForecastRows', () => {
  it('writes lags 1..12 over the scale, most recent first, then the step, per series and step', () => {
    const values = ramp(13);
    const { data, rowCount, scales } = lagForecastRows([values, [0, 0]], 2);
    expect(rowCount).toBe(4);
    expect(data.length).toBe(4 * (LAGS + 1));
    expect(scales).toEqual([7.5, 1]);
    const lags = [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((v) => Math.fround(v / 7.5));
    expect(row(data, 0)).toEqual([...lags, 1]);
    expect(row(data, 1)).toEqual([...lags, 2]);
    expect(row(data, 2)).toEqual([0, 0, ...Array(10).fill(NaN), 1]);
    expect(row(data, 3)[LAGS]).toBe(2);
  });
});

describe('lagTrainingRows', () => {
  it('takes the last origins whose every step is observed, each target over its own origin scale', () => {
    // 20 months, horizon 3: origins end at months 12..17; the last 2 are kept.
    const values = ramp(20);
    const rows = lagTrainingRows([values], 3, 2);
    expect(rows.rowCount).toBe(6);
    expect(Array.from(rows.steps)).toEqual([1, 2, 3, 1, 2, 3]);
    const scale16 = lagScale(values, 16);
    const scale17 = lagScale(values, 17);
    expect(Array.from(rows.targets)).toEqual([17 / scale16, 18 / scale16, 19 / scale16, 18 / scale17, 19 / scale17, 20 / scale17]);
    expect(row(rows.data, 3)[0]).toBe(Math.fround(17 / scale17));
    expect(row(rows.data, 3)[LAGS - 1]).toBe(Math.fround(6 / scale17));
  });

  it('adds nothing for a series too short for one origin and caps origins at what the series holds', () => {
    expect(lagTrainingRows([ramp(LAGS + 2)], 3, 5).rowCount).toBe(0);
    expect(lagTrainingRows([ramp(LAGS + 2), ramp(LAGS + 4)], 3, 5).rowCount).toBe(2 * 3);
  });
});
