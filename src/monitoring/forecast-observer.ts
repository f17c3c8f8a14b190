import { MonthIndex } from '../features/month';
import { ModelManifest } from '../registry/model-manifest';

import type { ForecastStage, ScoredRows } from '../prediction/forecast-pipeline';

export type { ForecastStage };

import { RequestOutcome } from './metrics/request-outcome';

export type { RequestOutcome };

/** Why a model version could not be loaded, as counted in load-failure metrics. */
export type LoadFailureReason = 'registry_unavailable' | 'not_found' | 'manifest_invalid' | 'checksum_mismatch' | 'session_failed' | 'golden_mismatch' | 'timeout';

/**
 * One series' forecast as served, kept for joining with actuals later: values[h] is the forecast for month
 * firstMonth + h, made h + 1 months ahead (step = index + 1). One record per series rather than one object per
 * point keeps the request path to a handful of allocations.
 */
export interface ServedSeries {
  country: string;
  sku: string;
  /** The month after the last history month: the month of step 1. */
  firstMonth: MonthIndex;
  values: Float32Array | Float64Array | readonly number[];
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
  /**
   * The series of a forecast request the service handled, by how it ended. Requests themselves are counted at
   * the HTTP boundary (http-metrics.ts), where every answer, the framework's own included, is seen once.
   */
  abstract forecastCompleted(outcome: RequestOutcome, seriesCount: number): void;
  /** A request's model input and raw model output (prediction / scale), one value per row. */
  abstract batchScored(matrix: ScoredRows, predictions: Float32Array): void;
  /** Series rejected or flagged by a model rule, by the rule's stable reason code (e.g. `history_too_short`). */
  abstract inputRejected(reason: string, count: number): void;
  /** The forecasts a request served; callers hand over fresh records, which the observer may keep. */
  abstract forecastsServed(series: readonly ServedSeries[]): void;
}
