import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { FastCounter } from './fast-counter';
import { FastHistogram } from './fast-histogram';

export const METRIC_PREFIX = 'demand_forecast_';

/** Drift gauges hold this value while the window has fewer than DRIFT_MIN_SAMPLES rows (a distance is never negative). */
export const INSUFFICIENT_DATA = -1;

type AccuracyLabel = 'horizon_bucket' | 'version' | 'country';

/**
 * Where a forecast request was when its client left: its body read but not parsed; waiting for admission; parsed
 * and admitted, not yet scored; or scored (or its unstarted slices dropped) with nobody left to take the answer.
 */
export const ABANDONED_STAGES = ['before_parse', 'queued', 'before_scoring', 'answered'] as const;
export type AbandonedStage = (typeof ABANDONED_STAGES)[number];

const BATCH_SERIES_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const LOAD_SECONDS_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * Every metric the service exports, in one place, registered on the registry of one app instance (never the
 * global one, so tests can boot the app twice). Meanings are listed in monitoring/METRICS.md.
 * No label takes per-series values: labels are bounded by the model's features, bins and versions.
 */
export class MonitoringMetrics {
  // Recorded on every request: FastHistogram / FastCounter (same exposition, no per-call label hashing).
  readonly httpDuration: FastHistogram<'method' | 'route' | 'status_class'>;
  readonly stageDuration: FastHistogram<'stage' | 'model' | 'version'>;
  readonly requests: FastCounter<'route' | 'outcome'>;
  readonly series: FastCounter<'outcome'>;
  readonly abandonedForecasts: FastCounter<'stage'>;
  readonly batchSeries: FastHistogram;
  readonly scoredRows: FastCounter;

  readonly modelInfo: Gauge<'model' | 'version' | 'sha256'>;
  readonly modelReady: Gauge;
  readonly modelLoadDuration: Histogram<'model'>;
  readonly modelLoadFailures: Counter<'reason'>;
  readonly modelEvaluation: Gauge<'model' | 'version' | 'metric'>;

  readonly featureProblems: Counter<'feature' | 'problem'>;
  readonly inputRejected: Counter<'reason'>;

  readonly driftPsi: Gauge<'feature'>;
  readonly driftJsDistance: Gauge<'feature'>;
  readonly driftWindowSamples: Gauge<'feature'>;
  readonly driftBinRows: FastCounter<'feature' | 'bin' | 'version'>;
  readonly driftReferenceShare: Gauge<'feature' | 'bin' | 'version'>;
  readonly driftExpectedRows: FastCounter<'feature' | 'bin' | 'version'>;
  readonly driftRowsSkipped: Counter;
  readonly driftLastComputed: Gauge;

  readonly actualsReceived: Counter;
  readonly actualsUnmatched: Counter<'reason'>;
  readonly accuracyMatchedPoints: Counter<AccuracyLabel>;
  readonly accuracyActualUnits: Counter<AccuracyLabel>;
  readonly accuracyAbsErrorUnits: Counter<AccuracyLabel>;
  readonly accuracyOverForecastUnits: Counter<AccuracyLabel>;
  readonly accuracyUnderForecastUnits: Counter<AccuracyLabel>;
  readonly accuracyExcludedPoints: Counter;
  readonly actualsLastReceived: Gauge;

  readonly forecastLogWrittenPoints: Counter;
  readonly forecastLogDroppedPoints: Counter<'reason'>;
  readonly forecastLogBufferedPoints: Gauge;
  readonly forecastLogRetries: Counter<'operation'>;

  /** Called at the start of every scrape; the observer binds its off-path refresh here. */
  onCollect?: () => void;

  constructor(registry: Registry, latencyBuckets: number[]) {
    const registers = [registry];
    const p = METRIC_PREFIX;

    // Registered first: prom-client serialises metrics in registration order, so refreshing here makes every
    // later metric of the same scrape current.
    const refresh = (): void => this.onCollect?.();
    this.driftLastComputed = new Gauge({
      name: `${p}drift_last_computed_timestamp_seconds`,
      help: 'When the drift gauges were last recomputed.',
      registers,
      collect: refresh,
    });

    this.httpDuration = new FastHistogram(
      `${p}http_request_duration_seconds`,
      'HTTP request duration from arrival to response sent, by method, route template and status class.',
      ['method', 'route', 'status_class'],
      latencyBuckets,
      registers,
    );
    this.stageDuration = new FastHistogram(
      `${p}stage_duration_seconds`,
      'Duration of one forecast stage (preprocess, inference, postprocess) per request.',
      ['stage', 'model', 'version'],
      latencyBuckets,
      registers,
    );
    this.requests = new FastCounter(
      `${p}requests_total`,
      'API requests by route template and outcome, counted once per response from its HTTP status (success, invalid_request, not_found, payload_too_large, unsupported_media_type, rate_limited, unavailable, client_error, server_error).',
      ['route', 'outcome'],
      registers,
    );
    this.series = new FastCounter(`${p}series_total`, 'Series in forecast requests that reached the service, by request outcome.', ['outcome'], registers);
    this.abandonedForecasts = new FastCounter(
      `${p}forecast_requests_abandoned_total`,
      'Forecast requests whose client closed its connection before the answer, by the stage the service had reached (before_parse, queued, before_scoring, answered); requests_total counts answers sent, so these are not in it.',
      ['stage'],
      registers,
    );
    for (const stage of ABANDONED_STAGES) this.abandonedForecasts.labels({ stage })(0);
    this.batchSeries = new FastHistogram(`${p}request_series`, 'Series per forecast request (batch size).', [], BATCH_SERIES_BUCKETS, registers);
    this.scoredRows = new FastCounter(
      `${p}scored_rows_total`,
      'Model input rows scored (one per series and step); the denominator of data-quality rates.',
      [],
      registers,
    );

    this.modelInfo = new Gauge({
      name: `${p}model_info`,
      help: 'The model version being served (value 1), with its artifact sha256.',
      labelNames: ['model', 'version', 'sha256'],
      registers,
    });
    this.modelReady = new Gauge({
      name: `${p}model_ready`,
      help: '1 while a verified model is loaded and the service answers forecasts, else 0.',
      registers,
    });
    this.modelLoadDuration = new Histogram({
      name: `${p}model_load_duration_seconds`,
      help: 'Time to resolve, download, verify and warm up a model version.',
      labelNames: ['model'],
      buckets: LOAD_SECONDS_BUCKETS,
      registers,
    });
    this.modelLoadFailures = new Counter({
      name: `${p}model_load_failures_total`,
      help: 'Failed model loads by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.modelEvaluation = new Gauge({
      name: `${p}model_evaluation`,
      help: 'Offline evaluation metrics from the served model manifest (e.g. wape, accuracy, bias), for comparison with live accuracy.',
      labelNames: ['model', 'version', 'metric'],
      registers,
    });

    this.featureProblems = new Counter({
      name: `${p}feature_problems_total`,
      help: 'Model input values with a data-quality problem (missing, non_finite, out_of_reference_range, unknown_category), by feature.',
      labelNames: ['feature', 'problem'],
      registers,
    });
    this.inputRejected = new Counter({
      name: `${p}input_rejected_total`,
      help: 'Series rejected or flagged by the model rules, by stable reason code (history_too_short, duplicate_id, beyond_last_month, too_many_series, horizon_too_long, all_zero_history).',
      labelNames: ['reason'],
      registers,
    });

    this.driftPsi = new Gauge({
      name: `${p}drift_psi`,
      help: `Population stability index of the recent window against the training reference, by feature ("prediction" for model output); ${INSUFFICIENT_DATA} = insufficient data.`,
      labelNames: ['feature'],
      registers,
    });
    this.driftJsDistance = new Gauge({
      name: `${p}drift_js_distance`,
      help: `Jensen-Shannon distance (base 2, 0..1) of the recent window against the training reference, by feature; ${INSUFFICIENT_DATA} = insufficient data.`,
      labelNames: ['feature'],
      registers,
    });
    this.driftWindowSamples = new Gauge({
      name: `${p}drift_window_samples`,
      help: 'Rows in the drift window behind the drift gauges, by feature (missing numeric values are not binned).',
      labelNames: ['feature'],
      registers,
    });
    // Fast counters: a refresh adds to every bin of every tracked quantity, through children resolved at model load.
    this.driftBinRows = new FastCounter(
      `${p}drift_bin_rows_total`,
      'Scored rows per reference bin, by feature and model version; summed across replicas for fleet-wide drift.',
      ['feature', 'bin', 'version'],
      registers,
    );
    this.driftReferenceShare = new Gauge({
      name: `${p}drift_reference_share`,
      help: "Reference share per bin that this replica's drift window is compared with: the training reference of each origin month and horizon bucket, mixed by the window's own rows.",
      labelNames: ['feature', 'bin', 'version'],
      registers,
    });
    this.driftExpectedRows = new FastCounter(
      `${p}drift_expected_rows_total`,
      "Rows expected per bin under the training reference of each scored row's origin month and horizon bucket; summed across replicas, the fleet's own mixed reference.",
      ['feature', 'bin', 'version'],
      registers,
    );
    this.driftRowsSkipped = new Counter({
      name: `${p}drift_rows_skipped_total`,
      help: 'Scored rows overwritten in the drift window before they were binned (traffic outran DRIFT_INTERVAL_MS), or left unbinned when the model was reloaded.',
      registers,
    });

    this.actualsReceived = new Counter({
      name: `${p}actuals_received_total`,
      help: 'Actual (realised) monthly quantities received on POST /v1/actuals.',
      registers,
    });
    this.actualsUnmatched = new Counter({
      name: `${p}actuals_unmatched_total`,
      help: 'Actuals that joined no logged forecast, by reason (no_forecast; duplicate = already scored by some replica).',
      labelNames: ['reason'],
      registers,
    });
    const accuracyLabels = ['horizon_bucket', 'version', 'country'] as const;
    this.accuracyMatchedPoints = new Counter({
      name: `${p}accuracy_matched_points_total`,
      help: 'Served forecast points joined with an actual, by horizon bucket, model version and country; each actual is counted by exactly one replica.',
      labelNames: accuracyLabels,
      registers,
    });
    this.accuracyActualUnits = new Counter({
      name: `${p}accuracy_actual_units_total`,
      help: 'Sum of actual quantities joined with a forecast (the WAPE denominator).',
      labelNames: accuracyLabels,
      registers,
    });
    this.accuracyAbsErrorUnits = new Counter({
      name: `${p}accuracy_abs_error_units_total`,
      help: 'Sum of |forecast - actual| over joined points (the WAPE numerator).',
      labelNames: accuracyLabels,
      registers,
    });
    this.accuracyOverForecastUnits = new Counter({
      name: `${p}accuracy_over_forecast_units_total`,
      help: 'Sum of (forecast - actual) where the forecast was above the actual.',
      labelNames: accuracyLabels,
      registers,
    });
    this.accuracyUnderForecastUnits = new Counter({
      name: `${p}accuracy_under_forecast_units_total`,
      help: 'Sum of (actual - forecast) where the forecast was below the actual; signed error = over - under.',
      labelNames: accuracyLabels,
      registers,
    });
    this.actualsLastReceived = new Gauge({
      name: `${p}actuals_last_received_timestamp_seconds`,
      help: 'When actuals were last received (0 = never since start).',
      registers,
    });
    this.accuracyExcludedPoints = new Counter({
      name: `${p}accuracy_excluded_points_total`,
      help: 'Joined points left out of the accuracy sums because a part was not finite or above 1e15 units (it would turn a sum to +Inf).',
      registers,
    });

    this.forecastLogWrittenPoints = new Counter({
      name: `${p}forecast_log_written_points_total`,
      help: 'Served forecast points written to the durable forecast log (FORECAST_LOG_URL).',
      registers,
    });
    this.forecastLogDroppedPoints = new Counter({
      name: `${p}forecast_log_dropped_points_total`,
      help: 'Served forecast points not logged, by reason (buffer_full: FORECAST_LOG_BUFFER_POINTS reached; write_failed: the store refused or was unreachable).',
      labelNames: ['reason'],
      registers,
    });
    this.forecastLogBufferedPoints = new Gauge({
      name: `${p}forecast_log_buffered_points`,
      help: 'Served forecast points waiting in memory for the next forecast-log write.',
      registers,
    });
    this.forecastLogRetries = new Counter({
      name: `${p}forecast_log_retries_total`,
      help: 'Forecast-log store operations tried again after the store was unreachable, by operation (prepare, list, read, write).',
      labelNames: ['operation'],
      registers,
    });
  }
}
