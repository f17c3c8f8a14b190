import { parseMonth } from '../features/month';
import { allocateForecastValues, seriesPoints, seriesValues } from './forecast-values';

describe('ForecastValues', () => {
  it('lays series out series-major and turns one series into its points, months following its history', () => {
    const forecasts = allocateForecastValues([parseMonth('2024-11'), parseMonth('2025-06')], 2, true);
    forecasts.values.set([1, 2, 3, 4]);
    forecasts.lower!.set([0.5, 1.5, Number.NaN, Number.NaN]);
    forecasts.upper!.set([1.5, 2.5, Number.NaN, Number.NaN]);
    expect(seriesPoints(forecasts, 0)).toEqual([
      { month: '2024-11', value: 1, lower: 0.5, upper: 1.5 },
      { month: '2024-12', value: 2, lower: 1.5, upper: 2.5 },
    ]);
    // NaN bounds mean the series has no interval: the points carry none, never NaN.
    expect(seriesPoints(forecasts, 1)).toEqual([
      { month: '2025-06', value: 3 },
      { month: '2025-07', value: 4 },
    ]);
    expect([...seriesValues(forecasts, 1)]).toEqual([3, 4]);
  });

  it('allocates no bounds for a model without intervals', () => {
    const forecasts = allocateForecastValues([0], 3, false);
    expect(forecasts.lower).toBeUndefined();
    expect(seriesPoints(forecasts, 0)).toEqual([
      { month: '0000-01', value: 0 },
      { month: '0000-02', value: 0 },
      { month: '0000-03', value: 0 },
    ]);
  });
});
