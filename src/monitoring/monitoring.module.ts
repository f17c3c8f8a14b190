import { Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { ForecastObserver } from './forecast-observer';
import { MetricsServer } from './metrics-server';
import { MonitoringMetrics } from './monitoring-metrics';
import { NoopForecastObserver } from './noop-forecast-observer';
import { PrometheusForecastObserver } from './prometheus-forecast-observer';

/**
 * Metrics, drift, accuracy and the management port. Relies on the global config module for AppConfig.
 * With MONITORING_ENABLED=false the observer is a no-op and the registry stays empty, but /metrics still
 * answers so scrapers and probes see the same shape of service.
 */
@Module({
  providers: [
    {
      // One registry per app instance, so two apps in one process (tests) never share metrics.
      provide: Registry,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Registry => {
        const registry = new Registry();
        if (config.monitoringEnabled) collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
    {
      provide: MonitoringMetrics,
      inject: [Registry, AppConfig],
      useFactory: (registry: Registry, config: AppConfig) => new MonitoringMetrics(registry, config.latencyBuckets),
    },
    {
      provide: ForecastObserver,
      inject: [AppConfig, MonitoringMetrics],
      useFactory: (config: AppConfig, metrics: MonitoringMetrics): ForecastObserver =>
        config.monitoringEnabled ? new PrometheusForecastObserver(metrics) : new NoopForecastObserver(),
    },
    MetricsServer,
  ],
  exports: [ForecastObserver, MetricsServer, MonitoringMetrics, Registry],
})
export class MonitoringModule {}
