import { EnsembleForecast, ensembleForecast, LoadedEnsemble, loadEnsemble } from '../core/ensemble/ensemble-forecast';
import { entryFor } from '../core/ensemble/combination';
import { EnsembleSpec, seriesKey } from '../core/ensemble/ensemble-spec';
import { historyTraits } from '../core/ensemble/segments';
import { GlobalMembers, globalMembers } from '../core/ensemble/global-members';
import { buildForecastMatrix, FeatureMatrix, SeriesHistory } from '../features/feature-builder';
import { formatMonth } from '../features/month';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput, ForecastPoint, toSeriesHistory } from './forecast-input';
import { postprocessForecasts } from './forecast-postprocess';

/** Scores a feature matrix; the loaded ONNX model in production, anything with the same contract in tests. */
export type Scorer = (data: Float32Array, rowCount: number, columnCount: number) => Promise<Float32Array>;

export interface StageTimings {
  preprocess: number;
  inference: number;
  postprocess: number;
}

export interface PipelineResult {
  points: ForecastPoint[][];
  /** Per series, with an ensemble model: the method that produced the forecast and why. */
  methods?: { method: string; reasons: string[] }[];
  /** The trees' input rows: every series long enough for them (all series of a trees-only model). */
  matrix: FeatureMatrix;
  predictions: Float32Array;
  /** Seconds per stage. */
  seconds: StageTimings;
}

function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const loaded = new WeakMap<EnsembleSpec, LoadedEnsemble>();

function loadedEnsemble(spec: EnsembleSpec): LoadedEnsemble {
  let ensemble = loaded.get(spec);
  if (!ensemble) loaded.set(spec, (ensemble = loadEnsemble(spec)));
  return ensemble;
}

function usesGlobalMembers(ensemble: LoadedEnsemble, values: ArrayLike<number>): boolean {
  const weights = entryFor(ensemble.combinations, historyTraits(values))?.weights;
  return (weights?.trees ?? 0) > 0 || (weights?.smoothing ?? 0) > 0;
}

function ensemblePoints(history: SeriesHistory, forecast: EnsembleForecast): ForecastPoint[] {
  const first = history.start + history.values.length;
  const points: ForecastPoint[] = new Array(forecast.values.length);
  for (let h = 0; h < forecast.values.length; h++) {
    const point: ForecastPoint = { month: formatMonth(first + h), value: forecast.values[h] };
    if (forecast.lower && forecast.upper) {
      point.lower = forecast.lower[h];
      point.upper = forecast.upper[h];
    }
    points[h] = point;
  }
  return points;
}

/**
 * preprocess → inference → postprocess for a validated request: the trees score every eligible series in one
 * ONNX run of N×H rows; with an ensemble, post-processing combines them with each series' own models. Serving and
 * the golden check at load time both go through here, so a model is verified on the path it serves.
 */
export async function runForecastPipeline(input: ForecastInput, manifest: ModelManifest, score: Scorer): Promise<PipelineResult> {
  let start = process.hrtime.bigint();
  const histories = input.series.map(toSeriesHistory);
  const spec = manifest.ensemble;
  const ensemble = spec === undefined ? undefined : loadedEnsemble(spec);
  // With an ensemble the trees score only the series long enough for them whose weights use them.
  const treesApply =
    ensemble === undefined
      ? () => true
      : (h: SeriesHistory) =>
          ensemble.spec.minTreeHistory !== null && h.values.length >= manifest.features.minHistory && usesGlobalMembers(ensemble, h.values);
  const treeIndices: number[] = [];
  histories.forEach((h, i) => treesApply(h) && treeIndices.push(i));
  const treeHistories = treeIndices.length === histories.length ? histories : treeIndices.map((i) => histories[i]);
  const matrix = buildForecastMatrix(treeHistories, input.horizon, manifest.features);
  const preprocess = secondsSince(start);

  start = process.hrtime.bigint();
  const predictions = matrix.rowCount > 0 ? await score(matrix.data, matrix.rowCount, matrix.columnCount) : new Float32Array(0);
  const inference = secondsSince(start);

  start = process.hrtime.bigint();
  if (ensemble === undefined) {
    const points = postprocessForecasts({
      firstMonths: histories.map((h) => h.start + h.values.length),
      profiles: matrix.profiles,
      predictions,
      horizon: input.horizon,
      intervals: manifest.intervals,
    });
    return { points, matrix, predictions, seconds: { preprocess, inference, postprocess: secondsSince(start) } };
  }
  const global = new Map<number, GlobalMembers>();
  globalMembers(matrix, predictions, manifest.features, input.horizon).forEach((members, k) => global.set(treeIndices[k], members));
  const points: ForecastPoint[][] = new Array(histories.length);
  const methods: { method: string; reasons: string[] }[] = new Array(histories.length);
  histories.forEach((history, i) => {
    const forecast = ensembleForecast(
      { values: history.values, horizon: input.horizon, global: global.get(i), shipped: ensemble.spec.series[seriesKey(history.country, history.sku)] },
      ensemble,
    );
    points[i] = ensemblePoints(history, forecast);
    methods[i] = { method: forecast.method, reasons: forecast.reasons };
  });
  return { points, methods, matrix, predictions, seconds: { preprocess, inference, postprocess: secondsSince(start) } };
}
