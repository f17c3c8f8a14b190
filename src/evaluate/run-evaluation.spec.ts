import { PanelForecast, PanelForecaster } from './panel-forecaster';
import { SeriesHistory } from '../features/feature-builder';
import { parseMonth } from '../features/month';
import { summarizeEvaluation } from './evaluation-summary';
import { ForecasterContractError, runEvaluation } from './run-evaluation';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Repeats each series' last value and keeps what it was given, to check it saw only the cut panel. */
class LastValueForecaster implements PanelForecaster {
  readonly seen: SeriesHistory[][] = [];
  constructor(readonly name = 'last-value') {}
  async forecast(panel: SeriesHistory[], horizon: number): Promise<PanelForecast[]> {
    this.seen.push(panel.map((s) => ({ ...s, values: Array.from(s.values) })));
    return panel.map((s) => ({ values: new Array(horizon).fill(s.values[s.values.length - 1]), method: 'naive' }));
  }
}

// A ends 2022-06, B ends 2021-12: cut at offset 6 they stop at 2021-12 and 2021-06.
const panel = [
  { country: 'DE', sku: 'A', start: parseMonth('2020-01'), values: range(1, 30) },
  { country: 'FR', sku: 'B', start: parseMonth('2020-01'), values: range(101, 24) },
];

describe('runEvaluation and its summary', () => {
  it('gives each method only the cut panel and scores the months after each series\' own cut, by hand', async () => {
    const method = new LastValueForecaster();
    const run = await runEvaluation(panel, [method], { originOffsets: [6], horizon: 4, minHistory: 13 });
    expect(method.seen).toEqual([[{ ...panel[0], values: range(1, 24) }, { ...panel[1], values: range(101, 18) }]]);
    expect(run.outcomes.map((o) => ({ sku: o.sku, cut: o.cut, actuals: o.actuals, scale: o.scale }))).toEqual([
      { sku: 'A', cut: parseMonth('2021-12'), actuals: [25, 26, 27, 28], scale: 12 },
      { sku: 'B', cut: parseMonth('2021-06'), actuals: [119, 120, 121, 122], scale: 12 },
    ]);

    const summary = summarizeEvaluation(run);
    const s = summary.methods['last-value'];
    // Errors are −1..−4 for both series; ΣA = 588.
    expect(s.overall.wape).toBeCloseTo(20 / 588, 12);
    expect(s.overall.bias).toBeCloseTo(-20 / 588, 12);
    expect(s.overall.mase).toBeCloseTo(20 / 12 / 8, 12);
    expect(s.byHorizonBucket['1'].wape).toBeCloseTo(2 / 144, 12);
    expect(s.byHorizonBucket['2-3'].wape).toBeCloseTo(10 / 294, 12);
    expect(s.byHorizonBucket['4-6'].wape).toBeCloseTo(8 / 150, 12);
    expect(Object.keys(s.byHorizonBucket)).toEqual(['1', '2-3', '4-6']);
    expect(s.bySegment['history length']['24-47'].wape).toBeCloseTo(10 / 106, 12);
    expect(s.bySegment['history length']['<24'].wape).toBeCloseTo(10 / 482, 12);
    expect(s.bySegment['volume quartile']).toEqual({ 'Q1 (lowest)': expect.anything(), Q3: expect.anything() });
    expect(s.bySegment.country.FR.bias).toBeCloseTo(-10 / 482, 12);
    expect(s.overall.coverage).toBeNaN();
    expect(s.served['share of zeros']).toEqual({ '0': { naive: 2 } });
    expect(summary.segments['history length']).toEqual({ '<24': { series: 1, seriesOrigins: 1, points: 4 }, '24-47': { series: 1, seriesOrigins: 1, points: 4 } });
    expect(summary.origins).toEqual([{ offset: 6, series: 2, points: 8, tooShort: 0, firstCut: parseMonth('2021-06'), lastCut: parseMonth('2021-12') }]);
  });

  it('scores every method on the same points and keeps origins apart', async () => {
    const run = await runEvaluation(panel, [new LastValueForecaster('a'), new LastValueForecaster('b')], { originOffsets: [6, 12], horizon: 18, minHistory: 13 });
    const summary = summarizeEvaluation(run);
    // Offset 6 scores 6 months per series; at offset 12 B has 12 months left, too few, and A scores 12.
    expect(summary.origins.map((o) => [o.offset, o.series, o.tooShort, o.points])).toEqual([
      [6, 2, 0, 12],
      [12, 1, 1, 12],
    ]);
    expect(summary.methods.a.overall.points).toBe(24);
    expect(summary.methods.b.overall).toEqual(summary.methods.a.overall);
    expect(Object.keys(summary.methods.a.byOrigin)).toEqual(['6', '12']);
  });

  it.each([
    { name: 'too few forecasts', make: (p: SeriesHistory[], h: number) => p.slice(1).map(() => ({ values: new Array(h).fill(1), method: 'x' })) },
    { name: 'a short forecast', make: (p: SeriesHistory[]) => p.map(() => ({ values: [1], method: 'x' })) },
    { name: 'a NaN forecast', make: (p: SeriesHistory[], h: number) => p.map(() => ({ values: new Array(h).fill(Number.NaN), method: 'x' })) },
    { name: 'a negative forecast', make: (p: SeriesHistory[], h: number) => p.map(() => ({ values: new Array(h).fill(-1), method: 'x' })) },
  ])('rejects a method that breaks the contract: $name', async ({ make }) => {
    const broken: PanelForecaster = { name: 'broken', forecast: async (p, h) => make(p, h) };
    await expect(runEvaluation(panel, [broken], { originOffsets: [6], horizon: 4, minHistory: 13 })).rejects.toThrow(ForecasterContractError);
  });
});
