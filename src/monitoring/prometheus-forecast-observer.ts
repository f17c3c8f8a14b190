import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { FeatureMatrix } from '../features/feature-builder';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastObserver, ForecastStage, LoadFailureReason, RequestOutcome, ServedPoint } from './forecast-observer';
import { MonitoringMetrics } from './monitoring-metrics';

/** Records into prom-client metrics. Every method is on the request path and only records. */
@Injectable()
export class PrometheusForecastObserver extends ForecastObserver implements OnModuleDestroy {
  private model = { model: 'none', version: 'none' };

  constructor(private readonly metrics: MonitoringMetrics) {
    super();
    metrics.modelReady.set(0);
  }

  modelLoaded(manifest: ModelManifest, loadSeconds: number): void {
    const m = this.metrics;
    this.model = { model: manifest.name, version: String(manifest.version) };
    m.modelInfo.reset();
    m.modelInfo.set({ ...this.model, sha256: manifest.artifact.sha256 }, 1);
    m.modelLoadDuration.observe({ model: manifest.name }, loadSeconds);
    m.modelEvaluation.reset();
    for (const [metric, value] of Object.entries(manifest.metrics)) {
      if (Number.isFinite(value)) m.modelEvaluation.set({ ...this.model, metric }, value);
    }
  }

  modelLoadFailed(reason: LoadFailureReason): void {
    this.metrics.modelLoadFailures.inc({ reason });
  }

  readinessChanged(ready: boolean): void {
    this.metrics.modelReady.set(ready ? 1 : 0);
  }

  stageCompleted(stage: ForecastStage, seconds: number): void {
    this.metrics.stageDuration.observe({ stage, model: this.model.model, version: this.model.version }, seconds);
  }

  forecastCompleted(outcome: RequestOutcome, seriesCount: number): void {
    this.metrics.requests.inc({ outcome });
    this.metrics.series.inc({ outcome }, seriesCount);
    if (outcome === 'success') this.metrics.batchSeries.observe(seriesCount);
  }

  batchScored(matrix: FeatureMatrix, _predictions: Float32Array): void {
    this.metrics.scoredRows.inc(matrix.rowCount);
  }

  inputRejected(reason: string, count: number): void {
    this.metrics.inputRejected.inc({ reason }, count);
  }

  forecastsServed(_points: ServedPoint[]): void {}

  onModuleDestroy(): void {}
}
