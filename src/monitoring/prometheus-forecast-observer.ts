import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ScoredRows } from '../prediction/forecast-pipeline';
import { ModelManifest } from '../registry/model-manifest';
import { HORIZON_BUCKETS } from '../features/horizon-buckets';
import { DataQualityCounter } from './data-quality/data-quality';
import { jsDistance, psi } from './drift/drift-math';
import { DriftWindow, TrackedQuantity } from './drift/drift-window';
import { DriftRefresh, DriftRefreshSink } from './drift/drift-refresh';
import { ForecastObserver, ForecastStage, LoadFailureReason, RequestOutcome, ServedSeries } from './forecast-observer';
import { buildColumnChecks, buildRowCells, buildTrackedQuantities } from './model-watch';
import { INSUFFICIENT_DATA, MonitoringMetrics } from './metrics/monitoring-metrics';
import { ForecastLogWriter } from './forecast-log/forecast-log-writer';
import { CountryLabels } from './actuals/country-labels';

type Increment = (n: number) => void;

export interface DriftSettings {
  windowSize: number;
  minSamples: number;
  intervalMs: number;
  /** Work units per refresh slice (default SLICE_WORK_UNITS); specs set small ones to see slicing. */
  sliceWorkUnits?: number;
  /** Time after which a refresh slice stops (default SLICE_MAX_MS); Infinity with sliceWorkUnits Infinity is one pass. */
  sliceMaxMs?: number;
  /** What a scrape may spend finishing a refresh so its gauges are current (default SCRAPE_CATCH_UP_MS). */
  scrapeCatchUpMs?: number;
}

/**
 * Records into prom-client metrics. The methods sit on the request path and only count or copy; drift
 * (binning, PSI, JS distance) and data-quality counter updates happen in refresh(), which runs on a timer every
 * DRIFT_INTERVAL_MS and before every scrape. Drift work is cut into slices of bounded work (DriftRefresh), one per
 * turn of the event loop, so a refresh never blocks requests for long however many rows were recorded. The lag:
 * a row reaches the counters when the refresh that bins it ends, at most one DRIFT_INTERVAL_MS (plus that refresh's
 * slices, or the rest of one still under way) after it was scored; a scrape in between runs one slice and then
 * reads the counters as far as binned. Gauges and the last-computed timestamp change when a refresh ends.
 */
// What a scrape may spend finishing a drift refresh so that it reads current gauges: on a loaded machine one 8 ms
// slice left PSI at its "insufficient data" value although the window held enough rows.
const SCRAPE_CATCH_UP_MS = 50;

@Injectable()
export class PrometheusForecastObserver extends ForecastObserver implements OnModuleDestroy {
  private model = { model: 'none', version: 'none' };
  // Bound children, so the request path builds no labels objects: stages per served model, outcomes as seen.
  private stages: Record<ForecastStage, (seconds: number) => void>;
  private readonly outcomes = new Map<RequestOutcome, (n?: number) => void>();
  private drift?: DriftRefresh;
  private quality?: DataQualityCounter;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly metrics: MonitoringMetrics,
    private readonly settings: DriftSettings,
    private readonly forecastLog: ForecastLogWriter,
    private readonly countries: CountryLabels,
  ) {
    super();
    this.stages = this.stageChildren();
    metrics.modelReady.set(0);
    metrics.actualsLastReceived.set(0);
    metrics.onCollect = () => {
      this.refresh();
      this.drift?.catchUp(settings.scrapeCatchUpMs ?? SCRAPE_CATCH_UP_MS);
      this.drift?.takeFresh();
    };
    this.timer = setInterval(() => this.refresh(), settings.intervalMs);
    this.timer.unref();
  }

  /** The version label forecasts are attributed to, e.g. in accuracy counters. */
  get servingVersion(): string {
    return this.model.version;
  }

  modelLoaded(manifest: ModelManifest, loadSeconds: number): void {
    const m = this.metrics;
    this.retireDrift();
    this.model = { model: manifest.name, version: String(manifest.version) };
    this.stages = this.stageChildren();
    m.modelInfo.reset();
    m.modelInfo.set({ ...this.model, sha256: manifest.artifact.sha256 }, 1);
    m.modelLoadDuration.observe({ model: manifest.name }, loadSeconds);
    m.modelEvaluation.reset();
    for (const [metric, value] of Object.entries(manifest.metrics)) {
      if (Number.isFinite(value)) m.modelEvaluation.set({ ...this.model, metric }, value);
    }

    const checks = buildColumnChecks(manifest);
    this.quality = new DataQualityCounter(checks);
    // Series exist at 0 from the start, so rate() sees the first problem instead of a series born at its count.
    for (const check of checks) {
      const problems = check.categorical ? ['unknown_category'] : ['missing', 'non_finite', ...(check.min === undefined ? [] : ['out_of_reference_range'])];
      for (const problem of problems) m.featureProblems.inc({ feature: check.name, problem }, 0);
    }
    const tracked = buildTrackedQuantities(manifest);
    for (const gauge of [m.driftPsi, m.driftJsDistance, m.driftWindowSamples, m.driftReferenceShare]) gauge.reset();
    m.driftBinRows.reset();
    m.driftExpectedRows.reset();
    const labelsOf = (q: TrackedQuantity) => q.layout.labels.map((bin) => ({ feature: q.name, bin, version: this.model.version }));
    const binRows = tracked.map((q) => labelsOf(q).map((labels) => m.driftBinRows.labels(labels)));
    const expectedRows = tracked.map((q) => labelsOf(q).map((labels) => m.driftExpectedRows.labels(labels)));
    for (const inc of [...binRows, ...expectedRows].flat()) inc(0);
    const window = new DriftWindow(tracked, manifest.features.names.length, this.settings.windowSize, buildRowCells(manifest));
    this.drift = new DriftRefresh(window, this.driftSink(this.model.version, binRows, expectedRows), { workUnits: this.settings.sliceWorkUnits, maxSliceMs: this.settings.sliceMaxMs });
    // Counters exist at 0 before the first actual, so Prometheus' increase() counts that actual too.
    for (const country of this.countries.modelLoaded(manifest)) {
      for (const bucket of HORIZON_BUCKETS) {
        const labels = { horizon_bucket: bucket.label, version: this.model.version, country };
        for (const counter of [m.accuracyMatchedPoints, m.accuracyActualUnits, m.accuracyAbsErrorUnits, m.accuracyOverForecastUnits, m.accuracyUnderForecastUnits]) {
          counter.inc(labels, 0);
        }
      }
    }
    // Loading is not a request: the gauges of a new model are published whole, at INSUFFICIENT_DATA.
    tracked.forEach((_, k) => this.publishQuantity(window, k, this.model.version));
    m.driftLastComputed.set(Date.now() / 1000);
  }

  modelLoadFailed(reason: LoadFailureReason): void {
    this.metrics.modelLoadFailures.inc({ reason });
  }

  readinessChanged(ready: boolean): void {
    this.metrics.modelReady.set(ready ? 1 : 0);
  }

  stageCompleted(stage: ForecastStage, seconds: number): void {
    this.stages[stage](seconds);
  }

  forecastCompleted(outcome: RequestOutcome, seriesCount: number): void {
    let series = this.outcomes.get(outcome);
    if (!series) {
      series = this.metrics.series.labels({ outcome });
      this.outcomes.set(outcome, series);
    }
    series(seriesCount);
    if (outcome === 'success') this.metrics.batchSeries.observe(seriesCount);
  }

  batchScored(matrix: ScoredRows, predictions: Float32Array): void {
    this.metrics.scoredRows.inc(matrix.rowCount);
    const window = this.drift?.window;
    if (!window || matrix.columnCount !== window.columnCount) return;
    this.quality?.count(matrix.data, matrix.rowCount);
    window.record(matrix.data, matrix.rowCount, predictions);
  }

  inputRejected(reason: string, count: number): void {
    this.metrics.inputRejected.inc({ reason }, count);
  }

  forecastsServed(series: readonly ServedSeries[]): void {
    this.forecastLog.enqueue(this.model.model, this.model.version, series);
  }

  /**
   * Off the request path: flushes data-quality counts, then runs one bounded slice of the drift refresh (starting
   * one when none is under way; the rest follows in later turns of the event loop).
   */
  refresh(): void {
    const m = this.metrics;
    this.quality?.flush((feature, problem, count) => m.featureProblems.inc({ feature, problem }, count));
    m.forecastLogBufferedPoints.set(this.forecastLog.buffered);
    this.drift?.step();
  }

  /** A drift refresh is under way (for tests and the bench, which wait for it to finish). */
  get refreshing(): boolean {
    return this.drift?.running ?? false;
  }

  private stageChildren(): Record<ForecastStage, (seconds: number) => void> {
    const child = (stage: ForecastStage) => this.metrics.stageDuration.labels({ stage, ...this.model });
    return { preprocess: child('preprocess'), inference: child('inference'), postprocess: child('postprocess') };
  }

  /**
   * The previous model's refresh is dropped and the rows it had not binned are counted as skipped: its drift series
   * are reset with it, so binning them would block the loop for counts no scrape could see. Data-quality counts
   * (per feature, kept across versions) are flushed with the previous model's checks.
   */
  private retireDrift(): void {
    const m = this.metrics;
    this.quality?.flush((feature, problem, count) => m.featureProblems.inc({ feature, problem }, count));
    const drift = this.drift;
    if (!drift) return;
    drift.cancel();
    const unbinned = drift.window.discardPending();
    if (unbinned > 0) m.driftRowsSkipped.inc(unbinned);
    this.drift = undefined;
  }

  /** binRows[k][bin], expectedRows[k][bin]: the per-bin counters of tracked quantity k, resolved once. */
  private driftSink(version: string, binRows: Increment[][], expectedRows: Increment[][]): DriftRefreshSink {
    const m = this.metrics;
    return {
      skipped: (rows) => m.driftRowsSkipped.inc(rows),
      binned: (window) => {
        window.tracked.forEach((_, k) => {
          window.fresh(k).forEach((n, bin) => {
            if (n > 0) binRows[k][bin](n);
          });
          window.freshExpected(k).forEach((n, bin) => {
            if (n > 0) expectedRows[k][bin](n);
          });
        });
      },
      publish: (window, k) => this.publishQuantity(window, k, version),
      computed: () => m.driftLastComputed.set(Date.now() / 1000),
    };
  }

  private publishQuantity(window: DriftWindow, k: number, version: string): void {
    const m = this.metrics;
    const q = window.tracked[k];
    const samples = window.samples(k);
    const enough = samples >= this.settings.minSamples && samples > 0;
    const reference = window.reference(k);
    m.driftWindowSamples.set({ feature: q.name }, samples);
    m.driftPsi.set({ feature: q.name }, enough ? psi(window.counts(k), reference) : INSUFFICIENT_DATA);
    m.driftJsDistance.set({ feature: q.name }, enough ? jsDistance(window.counts(k), reference) : INSUFFICIENT_DATA);
    q.layout.labels.forEach((bin, i) => m.driftReferenceShare.set({ feature: q.name, bin, version }, reference[i]));
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.drift?.cancel();
    this.metrics.onCollect = undefined;
  }
}
