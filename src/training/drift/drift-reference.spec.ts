import { fitFeatureSpec } from '../../features/fit-feature-spec';
import { categoricalReference, driftReference, numericReference } from './drift-reference';

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

  it('describes every model input column and the predictions', () => {
    const values = Array.from({ length: 40 }, (_, i) => 10 + i);
    const spec = fitFeatureSpec([{ country: 'NSW', sku: 'a', start: 0, values }]);
    const data = new Float32Array(2 * spec.names.length).fill(1);
    const ref = driftReference(spec, data, 2, [0.5, 1.5], 2);
    expect(ref.features.map((f) => f.name)).toEqual(spec.names);
    expect(ref.features.find((f) => f.name === 'country')).toEqual({ name: 'country', kind: 'categorical', shares: { NSW: 0, __missing__: 1 } });
    expect(ref.features.find((f) => f.name === 'horizon')).toMatchObject({ kind: 'numeric', edges: [], shares: [1] });
    expect(ref.prediction).toMatchObject({ edges: [1], shares: [0.5, 0.5], min: 0.5, max: 1.5 });
    expect(ref.sampleCount).toBe(2);
  });
});
