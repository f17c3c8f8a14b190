import { parseMonth } from '../features/month';
import { postprocessForecasts, PostprocessInput } from './forecast-postprocess';
import { allocateForecastValues, seriesPoints } from './forecast-values';

const profile = (scale: number) => ({ scale, cv: 0.1, abcClass: 0, xyzClass: 0 });

/** The answer's points per series, as serving makes them from the flat arrays post-processing fills. */
function postprocessed(input: PostprocessInput & { firstMonths: number[]; horizon: number }) {
  const values = allocateForecastValues(input.firstMonths, input.horizon, input.intervals !== undefined);
  postprocessForecasts(input, values);
  return input.firstMonths.map((_, i) => seriesPoints(values, i));
}

describe('postprocessForecasts', () => {
  it('multiplies predictions by each series scale, series-major, with months following the history', () => {
    const points = postprocessed({
      firstMonths: [parseMonth('2023-11'), parseMonth('2024-01')],
      profiles: [profile(10), profile(2)],
      predictions: new Float32Array([1, 1.5, 2, 0.5, 0.25, 4]),
      horizon: 3,
    });
    expect(points).toEqual([
      [
        { month: '2023-11', value: 10 },
        { month: '2023-12', value: 15 },
        { month: '2024-01', value: 20 },
      ],
      [
        { month: '2024-01', value: 1 },
        { month: '2024-02', value: 0.5 },
        { month: '2024-03', value: 8 },
      ],
    ]);
  });

  it.each([
    [-0.3, 0],
    [-0, 0],
    [0, 0],
    [0.2, 2],
  ])('clamps a prediction of %d to a value of %d (demand is never negative)', (prediction, value) => {
    const [[point]] = postprocessed({ firstMonths: [0], profiles: [profile(10)], predictions: new Float32Array([prediction]), horizon: 1 });
    expect(point.value).toBeCloseTo(value, 6);
    expect(Object.is(point.value, -0)).toBe(false);
  });

  it('keeps NaN so the golden check catches a broken graph instead of serving zeros', () => {
    const [[point]] = postprocessed({ firstMonths: [0], profiles: [profile(1)], predictions: new Float32Array([Number.NaN]), horizon: 1 });
    expect(point.value).toBeNaN();
  });

  it('derives intervals from the per-step ratios', () => {
    const [points] = postprocessed({
      firstMonths: [parseMonth('2024-12')],
      profiles: [profile(100)],
      predictions: new Float32Array([1, 2]),
      horizon: 2,
      intervals: { coverage: 0.8, lowerRatio: [0.9, 0.8, 0.7], upperRatio: [1.1, 1.2, 1.3] },
    });
    expect(points[0]).toMatchObject({ month: '2024-12', value: 100 });
    expect(points[0].lower).toBeCloseTo(90);
    expect(points[0].upper).toBeCloseTo(110);
    expect(points[1]).toMatchObject({ month: '2025-01', value: 200 });
    expect(points[1].lower).toBeCloseTo(160);
    expect(points[1].upper).toBeCloseTo(240);
  });

  it('gives zero-width intervals at zero and omits them when the model has none', () => {
    const [withIntervals] = postprocessed({
      firstMonths: [0],
      profiles: [profile(5)],
      predictions: new Float32Array([-1]),
      horizon: 1,
      intervals: { coverage: 0.8, lowerRatio: [0.5], upperRatio: [2] },
    });
    expect(withIntervals[0]).toEqual({ month: '0000-01', value: 0, lower: 0, upper: 0 });
    const [without] = postprocessed({ firstMonths: [0], profiles: [profile(5)], predictions: new Float32Array([1]), horizon: 1 });
    expect(without[0]).toEqual({ month: '0000-01', value: 5 });
  });
});
