import { fitFeatureSpec } from '../../features/fit-feature-spec';
import { CategoricalReference, NumericReference } from '../../registry/model-manifest';
import { buildDriftReference, categoricalReference, numericReference } from './drift-reference';

describe('drift reference', () => {
  it('cuts numeric values at interior quantiles and counts each bin as (lower, upper]', () => {
    const ref = numericReference('x', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4);
    // quantiles at 0.25, 0.5, 0.75 with linear interpolation over 10 values: 3.25, 5.5, 7.75
    expect(ref.edges).toEqual([3.25, 5.5, 7.75]);
    expect(ref.shares).toEqual([0.3, 0.2, 0.2, 0.3]);
    expect(ref.min).toBe(1);
    expect(ref.max).toBe(10);
  });

  it('merges tied edges so they strictly ascend, and ignores non-finite values', () => {
    const ref = numericReference('x', [0, 0, 0, 0, 0, 0, 0, 0, 1, Number.NaN], 4);
    expect(ref.edges).toEqual([0]);
    expect(ref.shares).toEqual([8 / 9, 1 / 9]);
  });

  it('gives label shares with unknown and missing codes under __missing__', () => {
    expect(categoricalReference('country', [0, 0, 1, Number.NaN], ['NSW', 'VIC', 'WA']).shares).toEqual({
      NSW: 0.5,
      VIC: 0.25,
      WA: 0,
      __missing__: 0.25,
    });
  });

  const seasonal = (level: number, months = 72): number[] => Array.from({ length: months }, (_, t) => level * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)) * (1 + 0.002 * t));

  it('bins the rows of each series forecast from its recent origins, per origin month and horizon bucket', () => {
    const series = [
      { country: 'NSW', sku: 'a', start: 0, values: seasonal(100) },
      { country: 'VIC', sku: 'b', start: 0, values: seasonal(40) },
    ];
    const spec = fitFeatureSpec(series);
    const ref = buildDriftReference(series, spec, (_d, rows) => new Float64Array(rows).fill(1), { originMonths: 24 });
    // 2 series × 24 origins × maxHorizon steps
    expect(ref.sampleCount).toBe(2 * 24 * spec.maxHorizon);
    expect(ref.originMonths).toBe(24);
    expect(ref.conditioning!.cellRows).toHaveLength(60);
    // Every origin calendar month twice per series, with one row per step: a 1-step bucket holds 2 × 2 rows.
    expect(ref.conditioning!.cellRows[0]).toBe(4);
    expect(ref.conditioning!.cellRows.reduce((a, b) => a + b, 0)).toBe(ref.sampleCount);
    expect(ref.features.map((f) => f.name)).toEqual(spec.names);
    const lag1 = ref.features.find((f) => f.name === 'lag_1') as NumericReference;
    expect(lag1.cellShares).toHaveLength(60);
    for (const cell of lag1.cellShares!) expect(cell.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // A seasonal series' last month, over its scale, depends on the calendar month: the cells differ.
    expect(lag1.cellShares![3 * 5]).not.toEqual(lag1.cellShares![9 * 5]); // April (peak) vs October (trough)
    const country = ref.features.find((f) => f.name === 'country') as CategoricalReference;
    expect(country.cellShares![0]).toEqual({ NSW: 0.5, VIC: 0.5, __missing__: 0 });
    // The level within each country: two groups of terciles plus below/above, then unknown.
    expect(ref.segments!.map((s) => s.name)).toEqual(['log_scale|country']);
    expect(ref.segments![0].groups.map((g) => g.label)).toEqual(spec.categoricals.find((c) => c.name === 'country')!.categories);
    expect(ref.segments![0].shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('drops features fixed by the calendar and constant ones, and keeps the rest', () => {
    const series = [
      { country: 'NSW', sku: 'a', start: 0, values: seasonal(100) },
      { country: 'VIC', sku: 'b', start: 5, values: seasonal(40, 70) },
    ];
    const spec = fitFeatureSpec(series);
    const ref = buildDriftReference(series, spec, (_d, rows) => new Float64Array(rows).fill(1));
    const dropped = Object.fromEntries(ref.dropped!.map((d) => [d.name, d.reason]));
    expect(dropped).toMatchObject({ horizon: 'calendar', target_month: 'calendar', origin_month: 'calendar' });
    // roll_mean_12 over a 12-month scale is 1 at every origin
    expect(dropped.roll_mean_12).toBe('constant');
    expect(dropped.lag_1).toBeUndefined();
    expect((ref.features.find((f) => f.name === 'horizon') as NumericReference).cellShares).toBeUndefined();
    expect(ref.prediction).toMatchObject({ edges: [], shares: [1] });
  });
});
