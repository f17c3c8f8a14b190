import { modelViolations } from './check-forecast-request';
import { ForecastInput, SeriesInput } from '../prediction/forecast-input';

const limits = { maxHorizon: 18, minHistory: 24, maxSeries: 3 };
const s = (overrides: Partial<SeriesInput> = {}): SeriesInput => ({
  country: 'DE',
  sku: 'A',
  history: { start: '2020-01', values: new Array(24).fill(1) },
  ...overrides,
});
const input = (series: SeriesInput[], horizon = 6): ForecastInput => ({ horizon, series });

describe('modelViolations', () => {
  it('accepts a request within every limit', () => {
    expect(modelViolations(input([s(), s({ sku: 'B' }), s({ id: 'x' })], 18), limits)).toEqual([]);
  });

  it.each<[string, ForecastInput, { reason: string; field: string; rule: string }[]]>([
    ['too many series', input([s({ id: '1' }), s({ id: '2' }), s({ id: '3' }), s({ id: '4' })]), [{ reason: 'too_many_series', field: 'series', rule: 'must hold at most 3 series (got 4)' }]],
    ['a horizon above the maximum', input([s()], 19), [{ reason: 'horizon_too_long', field: 'horizon', rule: "must be between 1 and 18, the model's maximum horizon" }]],
    [
      'a short history',
      input([s(), s({ sku: 'B', history: { start: '2020-01', values: [1, 2] } })]),
      [{ reason: 'history_too_short', field: 'series[1].history.values', rule: 'must hold at least 24 months of history for this model (got 2)' }],
    ],
    ['a repeated explicit id', input([s({ id: 'a' }), s({ id: 'a', sku: 'B' })]), [{ reason: 'duplicate_id', field: 'series[1].id', rule: 'must be unique: "a" is also the id of series[0]' }]],
    ['an explicit id equal to a default one', input([s(), s({ id: 'DE/A', sku: 'B' })]), [{ reason: 'duplicate_id', field: 'series[1].id', rule: 'must be unique: "DE/A" is also the id of series[0]' }]],
    [
      'forecast months beyond 9999-12',
      input([s({ history: { start: '9998-01', values: new Array(24).fill(1) } })], 1),
      [{ reason: 'beyond_last_month', field: 'series[0].history.start', rule: 'must leave every forecast month at or before 9999-12' }],
    ],
  ])('reports %s', (_name, request, expected) => {
    expect(modelViolations(request, limits)).toEqual(expected);
  });
});
