import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RequestInvalidError } from '../common/request-invalid.error';
import { ModelHost } from '../model-host/model-host.service';
import { ForecastObserver, ServedSeries } from '../monitoring/forecast-observer';
import { countReasons, limitsOf, modelViolations } from './check-forecast-request';
import { ForecastInput, seriesId } from '../prediction/forecast-input';
import { PipelineResult } from '../prediction/forecast-pipeline';
import { seriesValues } from '../prediction/forecast-values';
import { AnsweredSeries, ForecastAnswer } from './forecast-answer';
import { Forecaster } from '../prediction/forecaster';
import { ForecastCancelledError } from '../prediction/forecast-cancelled.error';
import { ModelInfoDto } from './model-info.dto';
import { isAllZeroHistory, seriesWarnings } from './series-warnings';
import { ModelNotReadyError } from '../model-host/model-host.errors';
import { insideRecordingSpan, recordSpans, withSpan } from '../monitoring/tracing/tracing';
import { ModelManifest } from '../registry/model-manifest';

@Injectable()
export class ForecastingService {
  constructor(
    private readonly host: ModelHost,
    private readonly config: AppConfig,
    private readonly observer: ForecastObserver,
  ) {}

  /** `cancel`: aborted when the client leaves, so the slices of its forecast not yet started are not scored. */
  async forecast(input: ForecastInput, cancel?: AbortSignal): Promise<ForecastAnswer> {
    let model;
    try {
      model = this.host.current();
    } catch (error) {
      if (error instanceof ModelNotReadyError) this.observer.forecastCompleted('unavailable', input.series.length);
      throw error;
    }
    const { manifest } = model;
    const violations = modelViolations(input, limitsOf(manifest, this.config.maxSeriesPerRequest));
    if (violations.length > 0) {
      for (const [reason, count] of countReasons(violations)) this.observer.inputRejected(reason, count);
      this.observer.forecastCompleted('invalid_request', input.series.length);
      throw new RequestInvalidError(violations.map(({ field, rule }) => ({ field, rule })));
    }

    let result: PipelineResult;
    try {
      result = await this.traced(input, manifest, model.forecaster, cancel);
    } catch (error) {
      this.observer.forecastCompleted(error instanceof ForecastCancelledError ? 'client_error' : 'server_error', input.series.length);
      throw error;
    }
    const { forecasts: values, methods, rows, predictions, stages } = result;
    for (const { stage, seconds } of stages) this.observer.stageCompleted(stage, seconds);

    const served: ServedSeries[] = new Array(input.series.length);
    const answered = input.series.map((series, i): AnsweredSeries => {
      served[i] = { country: series.country, sku: series.sku, firstMonth: values.firstMonths[i], values: seriesValues(values, i) };
      const warnings = seriesWarnings(series, manifest.features);
      const one: AnsweredSeries = { id: seriesId(series), country: series.country, sku: series.sku };
      if (methods) {
        one.method = methods[i].method;
        warnings.push(...methods[i].reasons);
      }
      if (warnings.length > 0) one.warnings = warnings;
      return one;
    });
    const zeroHistories = input.series.filter(isAllZeroHistory).length;
    if (zeroHistories > 0) this.observer.inputRejected('all_zero_history', zeroHistories);
    this.observer.batchScored(rows, predictions);
    this.observer.forecastsServed(served);
    this.observer.forecastCompleted('success', input.series.length);
    return { model: { name: manifest.name, version: manifest.version }, series: answered, values };
  }

  /**
   * The forecast, under a `forecast` span with one child span per pipeline stage when the request is traced. The
   * stages ran on a scoring thread, which timed them; untraced requests create no span objects at all.
   */
  private traced(input: ForecastInput, manifest: ModelManifest, forecaster: Forecaster, cancel: AbortSignal | undefined): Promise<PipelineResult> {
    if (!insideRecordingSpan()) return forecaster.forecast(input, cancel);
    const attributes = { 'model.name': manifest.name, 'model.version': manifest.version, 'forecast.series': input.series.length };
    return withSpan('forecast', attributes, async () => {
      const result = await forecaster.forecast(input, cancel);
      recordSpans(
        result.stages.map(({ stage, startedAtMs, seconds }) => ({ name: `forecast.${stage}`, startedAtMs, seconds })),
        attributes,
      );
      return result;
    });
  }

  modelInfo(): ModelInfoDto {
    const { manifest } = this.host.current();
    return {
      name: manifest.name,
      version: manifest.version,
      sha256: manifest.artifact.sha256,
      createdAt: manifest.createdAt,
      metrics: manifest.metrics,
      metricDirections: manifest.metricDirections,
      features: manifest.features as unknown as Record<string, unknown>,
      maxHorizon: manifest.maxHorizon,
      minHistory: limitsOf(manifest, this.config.maxSeriesPerRequest).minHistory,
      ...(manifest.intervals ? { intervals: { coverage: manifest.intervals.coverage } } : {}),
    };
  }
}
