import { Logger, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { ActualsController } from './actuals/actuals.controller';
import { ActualsService } from './actuals/actuals.service';
import { ForecastObserver } from './forecast-observer';
import { MetricsServer } from './metrics/metrics-server';
import { MonitoringMetrics } from './metrics/monitoring-metrics';
import { NoopForecastObserver } from './noop-forecast-observer';
import { PrometheusForecastObserver } from './prometheus-forecast-observer';
import { createForecastLogStore, ForecastLogStore } from './forecast-log/create-forecast-log-store';
import { ForecastLogJoin } from './forecast-log/forecast-log-join';
import { ForecastLogWriter } from './forecast-log/forecast-log-writer';
import { ForecastLogLifecycle } from './forecast-log/forecast-log-lifecycle';
import { CountryLabels } from './actuals/country-labels';

/**
 * Metrics, drift, accuracy and the management port. Relies on the global config module for AppConfig.
 * With MONITORING_ENABLED=false the observer is a no-op, no HTTP hooks are installed and nothing is recorded
 * (the metrics stay at zero), but /metrics and POST /v1/actuals still answer so clients see the same service.
 */
@Module({
  controllers: [ActualsController],
  providers: [
    ActualsService,
    {
      // One registry per app instance, so two apps in one process (tests) never share metrics.
      provide: Registry,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Registry => {
        const registry = new Registry();
        if (config.monitoringEnabled) {
          collectDefaultMetrics({ register: registry });
          // Gauges named `_total`, which `promtool check metrics` rejects; process_* and heap metrics stay.
          for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
            registry.removeSingleMetric(name);
          }
        }
        return registry;
      },
    },
    {
      provide: MonitoringMetrics,
      inject: [Registry, AppConfig],
      useFactory: (registry: Registry, config: AppConfig) => new MonitoringMetrics(registry, config.latencyBuckets),
    },
    CountryLabels,
    {
      provide: ForecastLogStore,
      inject: [AppConfig, MonitoringMetrics],
      useFactory: (config: AppConfig, metrics: MonitoringMetrics) =>
        createForecastLogStore(config.forecastLogUrl, {
          azureStorageConnectionString: config.azureStorageConnectionString,
          onRetry: (operation) => metrics.forecastLogRetries.inc({ operation }),
        }),
    },
    {
      provide: ForecastLogWriter,
      inject: [AppConfig, ForecastLogStore, MonitoringMetrics],
      useFactory: (config: AppConfig, store: ForecastLogStore, metrics: MonitoringMetrics) =>
        new ForecastLogWriter(store, { maxBufferedPoints: config.forecastLogBufferPoints, flushIntervalMs: config.forecastLogFlushMs }, {
          written: (points) => metrics.forecastLogWrittenPoints.inc(points),
          dropped: (reason, points) => metrics.forecastLogDroppedPoints.inc({ reason }, points),
          writeFailed: (error) => new Logger('ForecastLog').warn(`forecast log write failed: ${error instanceof Error ? error.message : String(error)}`),
        }),
    },
    {
      provide: ForecastLogJoin,
      inject: [ForecastLogStore, ForecastLogWriter],
      useFactory: (store: ForecastLogStore, writer: ForecastLogWriter) => new ForecastLogJoin(store, writer.replica),
    },
    ForecastLogLifecycle,
    {
      provide: ForecastObserver,
      inject: [AppConfig, MonitoringMetrics, ForecastLogWriter, CountryLabels],
      useFactory: (config: AppConfig, metrics: MonitoringMetrics, writer: ForecastLogWriter, countries: CountryLabels): ForecastObserver =>
        config.monitoringEnabled
          ? new PrometheusForecastObserver(metrics, { windowSize: config.driftWindowSize, minSamples: config.driftMinSamples, intervalMs: config.driftIntervalMs }, writer, countries)
          : new NoopForecastObserver(),
    },
    MetricsServer,
  ],
  exports: [ForecastObserver, MetricsServer, MonitoringMetrics, Registry],
})
export class MonitoringModule {}
