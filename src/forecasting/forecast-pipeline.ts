import { buildForecastMatrix, FeatureMatrix } from '../features/feature-builder';
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
  matrix: FeatureMatrix;
  predictions: Float32Array;
  /** Seconds per stage. */
  seconds: StageTimings;
}

function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * preprocess -> inference -> postprocess for a validated request: every series in one ONNX run of N*H rows.
 * Serving and the golden check at load time both go through here, so a model is verified on the path it serves.
 */
export async function runForecastPipeline(input: ForecastInput, manifest: ModelManifest, score: Scorer): Promise<PipelineResult> {
  let start = process.hrtime.bigint();
  const histories = input.series.map(toSeriesHistory);
  const matrix = buildForecastMatrix(histories, input.horizon, manifest.features);
  const preprocess = secondsSince(start);

  start = process.hrtime.bigint();
  const predictions = await score(matrix.data, matrix.rowCount, matrix.columnCount);
  const inference = secondsSince(start);

  start = process.hrtime.bigint();
  const points = postprocessForecasts({
    firstMonths: histories.map((h) => h.start + h.values.length),
    profiles: matrix.profiles,
    predictions,
    horizon: input.horizon,
    intervals: manifest.intervals,
  });
  const postprocess = secondsSince(start);
  return { points, matrix, predictions, seconds: { preprocess, inference, postprocess } };
}
