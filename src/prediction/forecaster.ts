import { OnnxModel } from '../inference/onnx-model';
import { ForecastInput } from './forecast-input';
import { PipelineResult, runForecastPipeline } from './forecast-pipeline';
import { ModelManifest } from '../registry/model-manifest';

/** Where a loaded model version answers: its scoring threads, or this thread. */
export interface Forecaster {
  /**
   * `cancel`, once aborted, stops work not yet started (slices of a heavy request waiting for a thread); the promise
   * then rejects with ForecastCancelledError. Work already running finishes: it holds no client's place.
   */
  forecast(input: ForecastInput, cancel?: AbortSignal): Promise<PipelineResult>;
  /** Finishes the work already started, then frees the sessions. */
  release(): Promise<void>;
}

/**
 * The pipeline on the calling thread: training's verification, suites that boot the app from sources (a worker
 * runs compiled JavaScript only), and SCORING_THREADS=0.
 */
export function inProcessForecaster(manifest: ModelManifest, onnx: OnnxModel): Forecaster {
  return {
    forecast: (input) => runForecastPipeline(input, manifest, (data, rows, columns) => onnx.run(data, rows, columns)),
    release: () => onnx.release(),
  };
}
