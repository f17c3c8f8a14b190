import { buildForecastMatrix, SeriesHistory } from '../../features/feature-builder';
import { FeatureSpec } from '../../features/feature-spec';
import { formatMonth } from '../../features/month';
import { toSeriesHistory } from '../../forecasting/forecast-input';
import { GoldenExample, GoldenSeries } from '../../registry/model-manifest';
import { predictTreeEnsemble, TreeEnsemble } from '../gbdt/tree-ensemble';

// onnxruntime sums float32 leaf weights where training sums float64; for a few hundred trees the difference stays
// orders of magnitude below these bounds, while a wrong feature or model moves forecasts by whole percents.
export const GOLDEN_TOLERANCE = { absolute: 1e-3, relative: 1e-4 };

/** Point forecasts in units, per series then per step, exactly as serving post-processes them. */
export function expectedForecasts(ensemble: TreeEnsemble, spec: FeatureSpec, request: GoldenExample['request']): number[][] {
  const matrix = buildForecastMatrix(request.series.map(toSeriesHistory), request.horizon, spec);
  const predictions = predictTreeEnsemble(ensemble, matrix.data, matrix.rowCount, matrix.columnCount);
  return matrix.profiles.map((profile, i) =>
    Array.from({ length: request.horizon }, (_, h) => Math.max(0, predictions[i * request.horizon + h] * profile.scale)),
  );
}

function tail(series: SeriesHistory & { attributes?: Record<string, string> }, months: number, id?: string): GoldenSeries {
  const values = Array.from(series.values).slice(-months);
  const start = series.start + series.values.length - values.length;
  return {
    ...(id ? { id } : {}),
    country: series.country,
    sku: series.sku,
    ...(series.attributes && Object.keys(series.attributes).length > 0 ? { attributes: series.attributes } : {}),
    history: { start: formatMonth(start), values },
  };
}

/**
 * Three requests on real series, chosen by volume so they are stable across runs: the largest series over the
 * full horizon, a batch of two (with ids) over 6 months, and the smallest series with exactly minHistory months.
 */
export function goldenExamples(series: SeriesHistory[], spec: FeatureSpec, ensemble: TreeEnsemble): GoldenExample[] {
  const longEnough = series.filter((s) => s.values.length >= spec.minHistory + 12);
  const mean = (s: SeriesHistory) => Array.from(s.values).slice(-12).reduce((a, b) => a + b, 0) / 12;
  const byVolume = [...longEnough].sort((a, b) => mean(b) - mean(a) || `${a.country}/${a.sku}`.localeCompare(`${b.country}/${b.sku}`));
  if (byVolume.length === 0) throw new RangeError(`no series has the ${spec.minHistory + 12} months golden examples need`);
  const pick = (q: number) => byVolume[Math.min(byVolume.length - 1, Math.floor(q * byVolume.length))];
  const requests: Omit<GoldenExample, 'expected' | 'tolerance'>[] = [
    { name: 'largest-series-full-horizon', request: { horizon: spec.maxHorizon, series: [tail(byVolume[0], spec.minHistory + 12)] } },
    {
      name: 'two-series-batch',
      request: { horizon: Math.min(6, spec.maxHorizon), series: [tail(pick(0.25), spec.minHistory + 6, 'first'), tail(pick(0.5), spec.minHistory + 6, 'second')] },
    },
    { name: 'smallest-series-minimum-history', request: { horizon: Math.min(3, spec.maxHorizon), series: [tail(byVolume[byVolume.length - 1], spec.minHistory)] } },
  ];
  return requests.map((r) => ({ ...r, expected: expectedForecasts(ensemble, spec, r.request), tolerance: GOLDEN_TOLERANCE }));
}
