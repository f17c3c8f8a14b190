import { FeatureMatrix } from '../features/feature-builder';
import { MonthIndex } from '../features/month';
import { ModelManifest } from '../registry/model-manifest';

export type ForecastStage = 'preprocess' | 'inference' | 'postprocess';

/** How a forecast or actuals request ended, as counted in traffic metrics. */
export type RequestOutcome = 'success' | 'client_error' | 'server_error' | 'not_ready';

/** Why a model version could not be loaded, as counted in load-failure metrics. */
export type LoadFailureReason = 'registry_unavailable' | 'not_found' | 'manifest_invalid' | 'checksum_mismatch' | 'session_failed' | 'golden_mismatch' | 'timeout';

/** One forecast point as served, kept for joining with actuals later. */
export interface ServedPoint {
  country: string;
  sku: string;
  month: MonthIndex;
  /** Months ahead of the last history month (1 = next month). */
  step: number;
  value: number;
}

/**
 * What the forecasting and model-lifecycle code tell the monitoring. Calls sit on the request path, so
 * implementations only record: heavy work (drift) happens off the path. Injected by this abstract class;
 * MonitoringModule binds the Prometheus implementation, or the no-op one when MONITORING_ENABLED=false.
 */
export abstract class ForecastObserver {
  abstract modelLoaded(manifest: ModelManifest, loadSeconds: number): void;
  abstract modelLoadFailed(reason: LoadFailureReason): void;
  abstract readinessChanged(ready: boolean): void;
  abstract stageCompleted(stage: ForecastStage, seconds: number): void;
  abstract forecastCompleted(outcome: RequestOutcome, seriesCount: number): void;
  /** A request's model input and raw model output (prediction / scale), one value per row. */
  abstract batchScored(matrix: FeatureMatrix, predictions: Float32Array): void;
  /** Data-quality problems found while validating a request, e.g. `history_too_short` for a feature-less series. */
  abstract inputRejected(reason: string, count: number): void;
  abstract forecastsServed(points: ServedPoint[]): void;
}
