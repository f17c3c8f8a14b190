import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpErrorFilter } from '../../../src/common/http-error.filter';
import { ConfigModule } from '../../../src/config/config.module';
import { loadAppConfig } from '../../../src/config/load-app-config';
import { buildForecastMatrix } from '../../../src/features/feature-builder';
import { formatMonth, parseMonth } from '../../../src/features/month';
import { ForecastObserver } from '../../../src/monitoring/forecast-observer';
import { installHttpMetrics } from '../../../src/monitoring/metrics/http-metrics';
import { MetricsServer } from '../../../src/monitoring/metrics/metrics-server';
import { MonitoringModule } from '../../../src/monitoring/monitoring.module';
import { ModelManifest } from '../../../src/registry/model-manifest';
import { fetchMetrics, promtoolCheckMetrics, sampleValue } from './support/metrics-text';

const manifest = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../fixtures/registry/demand-forecast/1/manifest.json'), 'utf8'),
) as ModelManifest;

async function bootMonitoring(env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = loadAppConfig({ HOST: '127.0.0.1', METRICS_PORT: '0', DRIFT_MIN_SAMPLES: '20', DRIFT_INTERVAL_MS: '100000', FORECAST_LOG_URL: `file:${fs.mkdtempSync(path.join(os.tmpdir(), 'forecast-log-'))}`, ...env });
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), MonitoringModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  app.useGlobalFilters(new HttpErrorFilter());
  installHttpMetrics(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function scoreGolden(observer: ForecastObserver, times: number): { lastMonth: number } {
  const request = manifest.golden[0].request;
  const series = request.series.map((s) => ({ ...s, start: parseMonth(s.history.start), values: s.history.values }));
  const matrix = buildForecastMatrix(series, request.horizon, manifest.features);
  const predictions = new Float32Array(matrix.rowCount).fill(1);
  for (let i = 0; i < times; i++) observer.batchScored(matrix, predictions);
  const lastMonth = series[0].start + series[0].values.length - 1;
  return { lastMonth };
}

describe('MonitoringModule (own registry, metrics port, actuals endpoint)', () => {
  let app: NestFastifyApplication;
  let port: number;
  let observer: ForecastObserver;

  beforeAll(async () => {
    app = await bootMonitoring({});
    port = app.get(MetricsServer).port;
    observer = app.get(ForecastObserver);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves /metrics on its own port, accepted by promtool check metrics', async () => {
    observer.modelLoaded(manifest, 1.5);
    observer.readinessChanged(true);
    observer.stageCompleted('inference', 0.004);
    observer.forecastCompleted('success', 2);
    observer.inputRejected('history_too_short', 1);
    const text = await fetchMetrics(port);
    expect(port).toBeGreaterThan(0);
    expect(sampleValue(text, 'demand_forecast_model_info', { model: manifest.name, version: '1', sha256: manifest.artifact.sha256 })).toBe(1);
    expect(sampleValue(text, 'demand_forecast_model_ready')).toBe(1);
    expect(sampleValue(text, 'demand_forecast_model_evaluation', { model: manifest.name, version: '1', metric: 'wape' })).toBe(manifest.metrics.wape);
    expect(sampleValue(text, 'demand_forecast_stage_duration_seconds_count', { stage: 'inference', model: manifest.name, version: '1' })).toBe(1);
    expect(sampleValue(text, 'demand_forecast_series_total', { outcome: 'success' })).toBe(2);
    expect(sampleValue(text, 'demand_forecast_input_rejected_total', { reason: 'history_too_short' })).toBe(1);
    expect(sampleValue(text, 'demand_forecast_drift_psi', { feature: 'lag_1' })).toBe(-1);
    expect(sampleValue(text, 'demand_forecast_drift_reference_share', { feature: 'lag_1', bin: '0', version: '1' })).toBeCloseTo(
      (manifest.drift!.features.find((f) => f.name === 'lag_1') as { shares: number[] }).shares[0],
      9,
    );
    promtoolCheckMetrics(text);
  });

  it('turns scored rows into drift once the window holds DRIFT_MIN_SAMPLES rows, at scrape time', async () => {
    scoreGolden(observer, 1); // 2 series × 18 steps = 36 rows ≥ 20
    const text = await fetchMetrics(port);
    expect(sampleValue(text, 'demand_forecast_drift_window_samples', { feature: 'lag_1' })).toBe(36);
    // fixed by the calendar (horizon, months) or constant (roll_mean_12): no drift gauge at all
    for (const feature of ['horizon', 'target_month', 'origin_month', 'roll_mean_12']) {
      expect(sampleValue(text, 'demand_forecast_drift_psi', { feature })).toBeUndefined();
    }
    const countryPsi = sampleValue(text, 'demand_forecast_drift_psi', { feature: 'country' })!;
    expect(countryPsi).toBeGreaterThanOrEqual(0);
    // every prediction is 1, a narrow slice of the reference: drifted
    expect(sampleValue(text, 'demand_forecast_drift_psi', { feature: 'prediction' })!).toBeGreaterThan(0.5);
    const binRows = text.split('\n').filter((l) => l.startsWith('demand_forecast_drift_bin_rows_total{feature="lag_1"'));
    expect(binRows.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0)).toBe(36);
    // the rows' own origin month and horizon buckets give the expected rows: as many as were binned
    const expected = text.split('\n').filter((l) => l.startsWith('demand_forecast_drift_expected_rows_total{feature="lag_1"'));
    expect(expected.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0)).toBeCloseTo(36, 3);
  });

  it('joins actuals with served forecasts and exports the error sums by horizon bucket and version', async () => {
    const month = parseMonth('2030-01');
    // month at step 1 is 120, month + 4 at step 5 is 70
    observer.forecastsServed([{ country: 'AU', sku: 'S1', firstMonth: month, values: [120, 90, 80, 75, 70] }]);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/actuals',
      payload: {
        actuals: [
          { country: 'AU', sku: 'S1', month: formatMonth(month), value: 100 },
          { country: 'AU', sku: 'S1', month: formatMonth(month + 4), value: 100 },
          { country: 'AU', sku: 'S1', month: formatMonth(month), value: 100 },
          { country: 'AU', sku: 'S9', month: formatMonth(month), value: 5 },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 4, matched: 2, scoredForecasts: 2, unmatched: { no_forecast: 1, duplicate: 1 } });
    const text = await fetchMetrics(port);
    const one = { horizon_bucket: '1', version: '1', country: 'AU' };
    const mid = { horizon_bucket: '4-6', version: '1', country: 'AU' };
    expect(sampleValue(text, 'demand_forecast_accuracy_actual_units_total', one)).toBe(100);
    expect(sampleValue(text, 'demand_forecast_accuracy_abs_error_units_total', one)).toBe(20);
    expect(sampleValue(text, 'demand_forecast_accuracy_over_forecast_units_total', one)).toBe(20);
    expect(sampleValue(text, 'demand_forecast_accuracy_under_forecast_units_total', mid)).toBe(30);
    expect(sampleValue(text, 'demand_forecast_accuracy_matched_points_total', mid)).toBe(1);
    expect(sampleValue(text, 'demand_forecast_actuals_unmatched_total', { reason: 'duplicate' })).toBe(1);
    expect(sampleValue(text, 'demand_forecast_actuals_unmatched_total', { reason: 'no_forecast' })).toBe(1);
    expect(sampleValue(text, 'demand_forecast_actuals_last_received_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('refuses an actual beyond the documented ceiling, and the largest allowed ones keep the sums finite', async () => {
    const month = parseMonth('2031-01');
    observer.forecastsServed([{ country: 'AU', sku: 'HUGE', firstMonth: month, values: [10, 10] }]);
    const huge = [0, 1].map((h) => ({ country: 'AU', sku: 'HUGE', month: formatMonth(month + h), value: 1e308 }));
    const refused = await app.inject({ method: 'POST', url: '/v1/actuals', payload: { actuals: huge } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().violations).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'actuals[0].value' })]));
    // The counters' own guard (countable, above 1e15 units) is unit-tested; over HTTP the DTO's 1e12 ceiling comes first.
    const largest = huge.map((a) => ({ ...a, value: 1e12 }));
    const response = await app.inject({ method: 'POST', url: '/v1/actuals', payload: { actuals: largest } });
    expect(response.json()).toMatchObject({ matched: 2, scoredForecasts: 2 });
    const text = await fetchMetrics(port);
    const sums = text.split('\n').filter((l) => l.startsWith('demand_forecast_accuracy_'));
    expect(sums.length).toBeGreaterThan(0);
    expect(sums.filter((l) => !Number.isFinite(Number(l.split(' ').pop())))).toEqual([]);
  });

  it('rejects bad actuals with 400 naming each field and rule', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/actuals',
      payload: { actuals: [{ country: 'AU', sku: 'S1', month: '2030-13', value: -1 }] },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(body.violations).toEqual(
      expect.arrayContaining([
        { field: 'actuals[0].month', rule: expect.stringMatching(/YYYY-MM/) },
        { field: 'actuals[0].value', rule: expect.stringMatching(/not be less than 0/) },
      ]),
    );
    const empty = await app.inject({ method: 'POST', url: '/v1/actuals', payload: { actuals: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().violations).toEqual([{ field: 'actuals', rule: expect.stringMatching(/empty/) }]);
  });

  it('times HTTP requests by route template and status class', async () => {
    await app.inject({ method: 'GET', url: '/no/such/route' });
    const text = await fetchMetrics(port);
    expect(sampleValue(text, 'demand_forecast_http_request_duration_seconds_count', { method: 'POST', route: '/v1/actuals', status_class: '2xx' })).toBe(2);
    expect(sampleValue(text, 'demand_forecast_http_request_duration_seconds_count', { method: 'POST', route: '/v1/actuals', status_class: '4xx' })).toBe(3);
    expect(sampleValue(text, 'demand_forecast_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
  });

  it('keeps a second app instance in the same process on its own registry', async () => {
    const second = await bootMonitoring({});
    try {
      const text = await fetchMetrics(second.get(MetricsServer).port);
      expect(sampleValue(text, 'demand_forecast_series_total', { outcome: 'success' })).toBeUndefined();
      expect(sampleValue(text, 'demand_forecast_model_ready')).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('records nothing with MONITORING_ENABLED=false but still answers /metrics', async () => {
    const off = await bootMonitoring({ MONITORING_ENABLED: 'false' });
    try {
      const offObserver = off.get(ForecastObserver);
      offObserver.modelLoaded(manifest, 1);
      offObserver.forecastCompleted('success', 3);
      const text = await fetchMetrics(off.get(MetricsServer).port);
      expect(sampleValue(text, 'demand_forecast_model_info', { model: manifest.name, version: '1', sha256: manifest.artifact.sha256 })).toBeUndefined();
      expect(sampleValue(text, 'demand_forecast_series_total', { outcome: 'success' })).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
