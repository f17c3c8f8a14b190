import { addScoredPoint, emptyMetricSums, ScoredPoint, seasonalNaiveScale, summarizeMetrics } from './point-metrics';

function score(points: ScoredPoint[]) {
  const sums = emptyMetricSums();
  for (const p of points) addScoredPoint(sums, p);
  return summarizeMetrics(sums);
}

describe('metrics by hand', () => {
  it.each([
    {
      name: 'four points, one without interval or MASE scale',
      points: [
        { forecast: 110, actual: 100, lower: 90, upper: 120, scale: 10 },
        { forecast: 80, actual: 100, lower: 70, upper: 95, scale: 10 },
        { forecast: 0, actual: 0, scale: Number.NaN },
        { forecast: 50, actual: 40, lower: 40, upper: 60, scale: 5 },
      ],
      // Σ|e| = 40, ΣA = 240, Σe = 0; scaled errors 1, 2, 2; sMAPE terms 2000/210, 4000/180, 0, 2000/90.
      expected: { wape: 40 / 240, accuracy: 1 - 40 / 240, bias: 0, mase: 5 / 3, smape: (2000 / 210 + 4000 / 180 + 2000 / 90) / 4, coverage: 2 / 3, points: 4, intervalPoints: 3 },
    },
    {
      name: 'an over-forecast',
      points: [
        { forecast: 12, actual: 10, scale: 4 },
        { forecast: 33, actual: 30, scale: 4 },
      ],
      expected: { wape: 5 / 40, accuracy: 35 / 40, bias: 5 / 40, mase: 5 / 8, smape: (400 / 22 + 600 / 63) / 2, coverage: Number.NaN, points: 2, intervalPoints: 0 },
    },
    {
      name: 'no actual volume: ratios undefined',
      points: [{ forecast: 3, actual: 0, scale: Number.NaN }],
      expected: { wape: Number.NaN, accuracy: Number.NaN, bias: Number.NaN, mase: Number.NaN, smape: 200, coverage: Number.NaN, points: 1, intervalPoints: 0 },
    },
  ])('$name', ({ points, expected }) => {
    const summary = score(points);
    for (const [key, value] of Object.entries(expected)) {
      if (Number.isNaN(value)) expect(summary[key as keyof typeof summary]).toBeNaN();
      else expect(summary[key as keyof typeof summary]).toBeCloseTo(value, 12);
    }
  });
});

describe('seasonalNaiveScale', () => {
  const season = Array.from({ length: 12 }, (_, i) => i + 1);
  it.each([
    { name: 'one month past a season', history: [...season, 13], expected: 12 },
    { name: 'two months past a season', history: [...season, 3, 5], expected: (2 + 3) / 2 },
    { name: 'exactly one season: no scale', history: season, expected: Number.NaN },
    { name: 'a series repeating its season: scale 0 is no scale', history: [...season, ...season], expected: Number.NaN },
  ])('$name', ({ history, expected }) => {
    if (Number.isNaN(expected)) expect(seasonalNaiveScale(history)).toBeNaN();
    else expect(seasonalNaiveScale(history)).toBe(expected);
  });
});
