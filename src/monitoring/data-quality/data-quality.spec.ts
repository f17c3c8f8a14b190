import { DataQualityCounter, FeatureProblem } from './data-quality';

function flushed(counter: DataQualityCounter): [string, FeatureProblem, number][] {
  const out: [string, FeatureProblem, number][] = [];
  counter.flush((feature, problem, count) => out.push([feature, problem, count]));
  return out;
}

describe('DataQualityCounter', () => {
  const counter = () =>
    new DataQualityCounter([
      { name: 'lag_1', categorical: false, min: 0, max: 2.5 },
      { name: 'trend_12', categorical: false },
      { name: 'country', categorical: true },
    ]);

  it('counts missing, non-finite and out-of-range values per feature, and NaN categories as unknown', () => {
    const c = counter();
    // prettier-ignore
    c.count(Float32Array.from([
      1, 0, 0,
      Number.NaN, Number.POSITIVE_INFINITY, Number.NaN,
      3, Number.NaN, 1,
      -0.5, -1e9, Number.NaN,
    ]), 4);
    expect(flushed(c)).toEqual([
      ['lag_1', 'missing', 1],
      ['lag_1', 'out_of_reference_range', 2],
      ['trend_12', 'missing', 1],
      ['trend_12', 'non_finite', 1],
      ['country', 'unknown_category', 2],
    ]);
  });

  it('accepts the reference bounds themselves after float32 rounding, and is empty after a flush', () => {
    const c = counter();
    c.count(Float32Array.from([2.5, 1, 0, 0, 1, 0]), 2);
    expect(flushed(c)).toEqual([]);
    c.count(Float32Array.from([Number.NaN, 1, 0]), 1);
    flushed(c);
    expect(flushed(c)).toEqual([]);
  });

  it('counts infinities as non_finite on bounded and unbounded columns, never as out of range', () => {
    const c = counter();
    c.count(Float32Array.from([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, Number.POSITIVE_INFINITY, 3.4e38, 0]), 2);
    expect(flushed(c)).toEqual([
      ['lag_1', 'non_finite', 2],
      ['trend_12', 'non_finite', 1],
    ]);
  });
});
