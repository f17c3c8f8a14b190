import { HoltWintersForecaster } from './holt-winters-forecaster';
import { SeasonalNaiveForecaster } from './seasonal-naive-forecaster';

const series = (values: number[]) => ({ country: 'DE', sku: 'X', start: 24000, values });
const season = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

describe('the team baselines as PanelForecasters', () => {
  it.each([
    { name: 'seasonal naive repeats the last season', values: [...season.map((v) => v * 10), ...season], horizon: 14, expected: [...season, 5, 6], method: 'seasonal_naive' },
    { name: 'below a season it is naive', values: [3, 4, 9], horizon: 3, expected: [9, 9, 9], method: 'naive' },
  ])('$name', async ({ values, horizon, expected, method }) => {
    const [forecast] = await new SeasonalNaiveForecaster().forecast([series(values)], horizon);
    expect(forecast).toEqual({ values: expected, method });
  });

  it.each([
    { months: 36, method: /^holt_winters\((additive|multiplicative)\)$/ },
    { months: 20, method: /^seasonal_naive$/ },
    { months: 6, method: /^naive$/ },
  ])('Holt-Winters on $months months is served by $method', async ({ months, method }) => {
    const values = Array.from({ length: months }, (_, t) => 50 + season[t % 12] * 3 + t);
    const [forecast] = await new HoltWintersForecaster().forecast([series(values)], 18);
    expect(forecast.method).toMatch(method);
    expect(forecast.values).toHaveLength(18);
    for (const v of forecast.values) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });

  it('Holt-Winters follows a clean seasonal pattern', async () => {
    const values = Array.from({ length: 48 }, (_, t) => 100 + season[t % 12] * 4);
    const [forecast] = await new HoltWintersForecaster().forecast([series(values)], 12);
    forecast.values.forEach((v, h) => expect(Math.abs(v - (100 + season[h] * 4))).toBeLessThan(2));
  });
});
