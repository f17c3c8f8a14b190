import { ensembleForecast, LoadedEnsemble, loadEnsemble } from '../core/ensemble/ensemble-forecast';
import { entryFor } from '../core/ensemble/combination';
import { EnsembleSpec, seriesKey } from '../core/ensemble/ensemble-spec';
import { historyTraits } from '../core/ensemble/segments';
import { GlobalMembers, globalMembers } from '../core/ensemble/global-members';
import { buildForecastMatrix, SeriesHistory } from '../features/feature-builder';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput, toSeriesHistory } from './forecast-input';
import { postprocessForecasts } from './forecast-postprocess';
import { allocateForecastValues, ForecastValues } from './forecast-values';

/** Scores a feature matrix; the loaded ONNX model in production, anything with the same contract in tests. */
export type Scorer = (data: Float32Array, rowCount: number, columnCount: number) => Promise<Float32Array>;

export const FORECAST_STAGES = ['preprocess', 'inference', 'postprocess'] as const;
export type ForecastStage = (typeof FORECAST_STAGES)[number];

/** When a stage ran: wall-clock start (ms since the epoch, comparable across threads) and its duration. */
export interface StageTiming {
  stage: ForecastStage;
  startedAtMs: number;
  seconds: number;
}

/** The trees' input rows as scored: every series long enough for them (all series of a trees-only model). */
export interface ScoredRows {
  data: Float32Array;
  rowCount: number;
  columnCount: number;
}

export interface PipelineResult {
  forecasts: ForecastValues;
  /** Per series, with an ensemble model: the method that produced the forecast and why. */
  methods?: { method: string; reasons: string[] }[];
  rows: ScoredRows;
  predictions: Float32Array;
  /** The pipeline's own stages, in order, each timed where it ran. */
  stages: StageTiming[];
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

/** Times consecutive stages; performance.timeOrigin + now() is epoch time with sub-millisecond precision. */
class StageClock {
  readonly stages: StageTiming[] = [];
  private startedAt = performance.now();

  next(stage: ForecastStage): void {
    const now = performance.now();
    this.stages.push({ stage, startedAtMs: performance.timeOrigin + this.startedAt, seconds: (now - this.startedAt) / 1000 });
    this.startedAt = now;
  }
}

function ensembleValues(histories: SeriesHistory[], horizon: number, ensemble: LoadedEnsemble, global: Map<number, GlobalMembers>) {
  const forecasts = allocateForecastValues(
    histories.map((h) => h.start + h.values.length),
    horizon,
    true,
  );
  const methods: { method: string; reasons: string[] }[] = new Array(histories.length);
  histories.forEach((history, i) => {
    const forecast = ensembleForecast(
      { values: history.values, horizon, global: global.get(i), shipped: ensemble.spec.series[seriesKey(history.country, history.sku)] },
      ensemble,
    );
    forecasts.values.set(forecast.values, i * horizon);
    if (forecast.lower && forecast.upper) {
      forecasts.lower!.set(forecast.lower, i * horizon);
      forecasts.upper!.set(forecast.upper, i * horizon);
    }
    methods[i] = { method: forecast.method, reasons: forecast.reasons };
  });
  return { forecasts, methods };
}

/**
 * preprocess → inference → postprocess for a validated request: the trees score every eligible series in one
 * ONNX run of N×H rows; with an ensemble, post-processing combines them with each series' own models. Serving (on
 * its scoring threads), the golden check at load time and training's verification all go through here, so a model
 * is verified on the path it serves.
 */
export async function runForecastPipeline(input: ForecastInput, manifest: ModelManifest, score: Scorer): Promise<PipelineResult> {
  const clock = new StageClock();
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
  clock.next('preprocess');

  const predictions = matrix.rowCount > 0 ? await score(matrix.data, matrix.rowCount, matrix.columnCount) : new Float32Array(0);
  clock.next('inference');

  const rows: ScoredRows = { data: matrix.data, rowCount: matrix.rowCount, columnCount: matrix.columnCount };
  if (ensemble === undefined) {
    const forecasts = allocateForecastValues(
      histories.map((h) => h.start + h.values.length),
      input.horizon,
      manifest.intervals !== undefined,
    );
    postprocessForecasts({ profiles: matrix.profiles, predictions, intervals: manifest.intervals }, forecasts);
    clock.next('postprocess');
    return { forecasts, rows, predictions, stages: clock.stages };
  }
  const global = new Map<number, GlobalMembers>();
  globalMembers(matrix, predictions, manifest.features, input.horizon).forEach((members, k) => global.set(treeIndices[k], members));
  const { forecasts, methods } = ensembleValues(histories, input.horizon, ensemble, global);
  clock.next('postprocess');
  return { forecasts, methods, rows, predictions, stages: clock.stages };
}
