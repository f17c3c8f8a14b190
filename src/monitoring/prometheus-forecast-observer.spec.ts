import * as fs from 'node:fs';
import * as path from 'node:path';
import { Registry } from 'prom-client';
import { buildForecastMatrix, FeatureMatrix } from '../features/feature-builder';
import { parseMonth } from '../features/month';
import { ModelManifest } from '../registry/model-manifest';
import { CountryLabels } from './actuals/country-labels';
import { ForecastLogWriter } from './forecast-log/forecast-log-writer';
import { MonitoringMetrics } from './metrics/monitoring-metrics';
import { DriftSettings, PrometheusForecastObserver } from './prometheus-forecast-observer';
import { PREDICTION_FEATURE } from './model-watch';

const manifest = JSON.parse(fs.readFileSync(path.resolve('test/fixtures/registry/demand-forecast/1/manifest.json'), 'utf8')) as ModelManifest;
const request = manifest.golden[0].request;
// 2 series × 18 steps = 36 rows a batch; one series' history holds a NaN-free run, the other gives data-quality problems.
const matrix: FeatureMatrix = buildForecastMatrix(
  request.series.map((s) => ({ ...s, start: parseMonth(s.history.start), values: s.history.values })),
  request.horizon,
  manifest.features,
);
const predictions = Float32Array.from({ length: matrix.rowCount }, (_, i) => (i % 9) / 4);
const TRACKED = manifest.drift!.features.filter((f) => !(manifest.drift!.dropped ?? []).some((d) => d.name === f.name)).length + (manifest.drift!.segments?.length ?? 0) + 1;

const observers: PrometheusForecastObserver[] = [];

function observe(settings: Partial<DriftSettings>): { observer: PrometheusForecastObserver; registry: Registry } {
  const registry = new Registry();
  const metrics = new MonitoringMetrics(registry, [0.01, 0.1, 1]);
  const writer = { enqueue: () => undefined, buffered: 0 } as unknown as ForecastLogWriter;
  const observer = new PrometheusForecastObserver(metrics, { windowSize: 500, minSamples: 20, intervalMs: 3_600_000, ...settings }, writer, new CountryLabels());
  observers.push(observer);
  observer.modelLoaded(manifest, 1);
  return { observer, registry };
}

async function finished(observer: PrometheusForecastObserver): Promise<number> {
  let turns = 0;
  while (observer.refreshing) {
    await new Promise((resolve) => setImmediate(resolve));
    turns++;
  }
  return turns;
}

/** Every drift and data-quality sample but the timestamp: a scrape (which runs a refresh slice first). */
async function driftSamples(registry: Registry): Promise<Record<string, number>> {
  const samples: Record<string, number> = {};
  for (const metric of await registry.getMetricsAsJSON()) {
    if (!/drift|feature_problems/.test(metric.name) || metric.name.endsWith('last_computed_timestamp_seconds')) continue;
    for (const v of metric.values) samples[`${metric.name}${JSON.stringify(v.labels)}`] = v.value;
  }
  return samples;
}

function sum(samples: Record<string, number>, prefix: string): number {
  return Object.entries(samples)
    .filter(([key]) => key.startsWith(prefix))
    .reduce((total, [, v]) => total + v, 0);
}

afterEach(() => {
  for (const o of observers.splice(0)) o.onModuleDestroy();
});

describe('PrometheusForecastObserver refresh', () => {
  it('publishes, in slices of a few rows, exactly the counters and gauges of one unbounded pass', async () => {
    const onePass = observe({ sliceWorkUnits: Infinity, sliceMaxMs: Infinity });
    const sliced = observe({ sliceWorkUnits: 7 * TRACKED });
    for (const { observer } of [onePass, sliced]) {
      for (let i = 0; i < 20; i++) observer.batchScored(matrix, predictions); // 720 rows into a window of 500
      observer.refresh();
    }
    expect(onePass.observer.refreshing).toBe(false);
    expect(sliced.observer.refreshing).toBe(true);
    expect(await finished(sliced.observer)).toBeGreaterThan(50);
    const expected = await driftSamples(onePass.registry);
    expect(await driftSamples(sliced.registry)).toEqual(expected);
    expect(sum(expected, `demand_forecast_drift_bin_rows_total{"feature":"${PREDICTION_FEATURE}"`)).toBe(500);
    expect(sum(expected, 'demand_forecast_drift_rows_skipped_total')).toBe(220);
    expect(expected[`demand_forecast_drift_psi{"feature":"${PREDICTION_FEATURE}"}`]).toBeGreaterThan(0);
  });

  it('lets a scrape finish the refresh in progress within its catch-up time, so it reads current drift', async () => {
    const { observer, registry } = observe({ sliceWorkUnits: 7 * TRACKED });
    for (let i = 0; i < 5; i++) observer.batchScored(matrix, predictions);
    observer.refresh(); // the timer's slice: 7 rows
    expect(observer.refreshing).toBe(true);
    const samples = await driftSamples(registry); // the scrape: slices until done (well inside 50 ms here)
    expect(observer.refreshing).toBe(false);
    expect(sum(samples, `demand_forecast_drift_bin_rows_total{"feature":"${PREDICTION_FEATURE}"`)).toBe(180);
  });

  it('lets a scrape out of catch-up time read the counters as far as binned', async () => {
    const { observer, registry } = observe({ sliceWorkUnits: 7 * TRACKED, scrapeCatchUpMs: 0 });
    for (let i = 0; i < 5; i++) observer.batchScored(matrix, predictions);
    observer.refresh(); // the timer's slice: 7 rows
    const text = await registry.metrics(); // the scrape's slice: 7 more, then the counters are taken
    const binned = text
      .split('\n')
      .filter((l) => l.startsWith(`demand_forecast_drift_bin_rows_total{feature="${PREDICTION_FEATURE}"`))
      .reduce((total, l) => total + Number(l.split(' ').pop()), 0);
    expect(binned).toBe(14);
    await finished(observer); // the refresh takes the rest when its binning ends
    expect(sum(await driftSamples(registry), `demand_forecast_drift_bin_rows_total{"feature":"${PREDICTION_FEATURE}"`)).toBe(180);
  });

  it('stops a refresh in progress on shutdown: nothing runs or is published afterwards', async () => {
    const { observer, registry } = observe({ sliceWorkUnits: 7 * TRACKED });
    for (let i = 0; i < 5; i++) observer.batchScored(matrix, predictions);
    observer.refresh();
    observer.onModuleDestroy();
    expect(observer.refreshing).toBe(false);
    const before = await driftSamples(registry);
    // more turns than the rest of the refresh would take (173 rows at 7 a slice, then the gauges)
    for (let i = 0; i < 100; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(await driftSamples(registry)).toEqual(before);
  });

  it('on a model reload drops the refresh in progress and counts the rows it had not binned as skipped', async () => {
    const { observer, registry } = observe({ sliceWorkUnits: 7 * TRACKED });
    for (let i = 0; i < 5; i++) observer.batchScored(matrix, predictions); // 180 rows
    observer.refresh(); // 7 binned
    observer.modelLoaded(manifest, 1);
    expect(observer.refreshing).toBe(false);
    let samples = await driftSamples(registry);
    expect(samples['demand_forecast_drift_rows_skipped_total{}']).toBe(173);
    expect(sum(samples, 'demand_forecast_drift_bin_rows_total')).toBe(0);
    await finished(observer); // the scrape above started a refresh of the new, empty window
    observer.batchScored(matrix, predictions);
    observer.refresh();
    await finished(observer);
    samples = await driftSamples(registry);
    expect(sum(samples, `demand_forecast_drift_bin_rows_total{"feature":"${PREDICTION_FEATURE}"`)).toBe(36);
    expect(samples[`demand_forecast_drift_window_samples{"feature":"${PREDICTION_FEATURE}"}`]).toBe(36);
  });
});
