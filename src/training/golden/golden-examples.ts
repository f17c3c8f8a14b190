import { SeriesHistory } from '../../features/feature-builder';
import { formatMonth } from '../../features/month';
import { toSeriesHistory } from '../../prediction/forecast-input';
import { GoldenExample, GoldenSeries } from '../../registry/model-manifest';
import { forecastPanel, TrainedEnsembleModel } from '../ensemble/train-ensemble';

// onnxruntime sums float32 leaf weights where training sums float64; for a few hundred trees the difference stays
// orders of magnitude below these bounds, while a wrong feature or model moves forecasts by whole percents.
export const GOLDEN_TOLERANCE = { absolute: 1e-3, relative: 1e-4 };

/** Point forecasts in units, per series then per step, exactly as serving computes them (trees in TypeScript). */
export function expectedForecasts(model: TrainedEnsembleModel, request: GoldenExample['request']): number[][] {
  return forecastPanel(model, request.series.map(toSeriesHistory), request.horizon).map((f) => Array.from(f.values));
}

function tail(series: SeriesHistory & { attributes?: Record<string, string> }, months: number, id?: string, sku = series.sku): GoldenSeries {
  const values = Array.from(series.values).slice(-months);
  const start = series.start + series.values.length - values.length;
  return {
    ...(id ? { id } : {}),
    country: series.country,
    sku,
    ...(series.attributes && Object.keys(series.attributes).length > 0 ? { attributes: series.attributes } : {}),
    history: { start: formatMonth(start), values },
  };
}

/**
 * Requests on real series, chosen by volume so they are stable across runs: the largest series over the full
 * horizon, a batch of two (with ids), and a batch mixing a 6-month, a 24-month and a renamed (never seen) series,
 * so loading a model exercises the trees, the shipped per-series models and fitting at request time.
 */
export function goldenExamples(series: SeriesHistory[], model: TrainedEnsembleModel): { golden: GoldenExample[]; exampleSeries: string[] } {
  const minHistory = model.trees?.spec.minHistory ?? 1;
  const maxHorizon = model.trees?.spec.maxHorizon ?? 18;
  const longEnough = series.filter((s) => s.values.length >= minHistory + 12);
  const mean = (s: SeriesHistory) => Array.from(s.values).slice(-12).reduce((a, b) => a + b, 0) / 12;
  const byVolume = [...longEnough].sort((a, b) => mean(b) - mean(a) || `${a.country}/${a.sku}`.localeCompare(`${b.country}/${b.sku}`));
  if (byVolume.length === 0) throw new RangeError(`no series has the ${minHistory + 12} months golden examples need`);
  const pick = (q: number) => byVolume[Math.min(byVolume.length - 1, Math.floor(q * byVolume.length))];
  const smallest = byVolume[byVolume.length - 1];
  const requests: Omit<GoldenExample, 'expected' | 'tolerance'>[] = [
    { name: 'largest-series-full-horizon', request: { horizon: maxHorizon, series: [tail(byVolume[0], minHistory + 12)] } },
    {
      name: 'two-series-batch',
      request: { horizon: Math.min(6, maxHorizon), series: [tail(pick(0.25), minHistory + 6, 'first'), tail(pick(0.5), minHistory + 6, 'second')] },
    },
    {
      name: 'short-and-unseen-histories',
      request: {
        horizon: Math.min(12, maxHorizon),
        series: [tail(pick(0.75), 6, 'six-months'), tail(smallest, 24, 'two-years'), tail(pick(0.5), minHistory, 'unseen', `${pick(0.5).sku}-unseen`)],
      },
    },
  ];
  const golden = requests.map((r) => ({ ...r, expected: expectedForecasts(model, r.request), tolerance: GOLDEN_TOLERANCE }));
  return { golden, exampleSeries: [byVolume[0], pick(0.25), pick(0.5)].map((s) => `${s.country}\u0000${s.sku}`) };
}
