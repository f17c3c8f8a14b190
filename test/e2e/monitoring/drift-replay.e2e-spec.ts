/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import * as path from 'node:path';
import { RunningService } from '../../../src/bootstrap';
import { formatMonth, parseMonth } from '../../../src/features/month';
import { DEFAULT_SALES_COLUMNS, loadSalesCsv, SalesSeries } from '../../../src/training/data/load-sales-csv';
import { REPO_ROOT, startService, waitForReadiness } from '../../support/app';
import { fetchMetrics } from './support/metrics-text';
import { PrometheusServer, startPrometheus } from './support/prometheus-server';

jest.setTimeout(240_000);

const RULES = path.join(REPO_ROOT, 'monitoring/prometheus/rules.yml');
const EMBEDDED_REGISTRY_URL = `file:${path.join(REPO_ROOT, 'registry')}`;
const HISTORY_MONTHS = 60;
const HORIZON = 18;
const PSI_THRESHOLD = 0.25; // the DemandForecastFeatureDrift threshold in rules.yml
const ALERT = 'DemandForecastFeatureDrift';

type Transform = (values: number[], s: SalesSeries) => number[];

/** One planning batch: every training series, HISTORY_MONTHS of history ending at `origin`, forecast HORIZON ahead. */
function batch(all: SalesSeries[], origin: string, transform: Transform = (v) => v): object {
  const end = parseMonth(origin);
  return {
    horizon: HORIZON,
    series: all.map((s) => {
      const last = end - s.start;
      const values = transform(s.values.slice(last - HISTORY_MONTHS + 1, last + 1), s);
      return { country: s.country, sku: s.sku, attributes: s.attributes, history: { start: formatMonth(end - HISTORY_MONTHS + 1), values } };
    }),
  };
}

/** Per-replica drift gauges by feature (only features with a verdict: -1 means too few rows). */
function psiGauges(text: string): Map<string, number> {
  const gauges = new Map<string, number>();
  for (const match of text.matchAll(/^demand_forecast_drift_psi\{feature="([^"]+)"\} (\S+)$/gm)) gauges.set(match[1], Number(match[2]));
  return gauges;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('drift on monthly planning traffic, through a real Prometheus and the real alert rules', () => {
  let series: SalesSeries[];
  let service: RunningService | undefined;
  let prometheus: PrometheusServer | undefined;

  beforeAll(async () => {
    const all = (await loadSalesCsv(path.join(REPO_ROOT, 'data/aus_retail/sales.csv'), { columns: DEFAULT_SALES_COLUMNS, dropInvalid: false })).series;
    // The population a 2018 planning cycle forecasts: series running to 2018-12 with 60 months before each origin.
    const end = parseMonth('2018-12');
    series = all.filter((s) => s.start + s.values.length - 1 === end && s.values.length >= HISTORY_MONTHS + 11);
    expect(series.length).toBe(148);
  });
  afterEach(async () => {
    await prometheus?.stop();
    await service?.close();
    prometheus = service = undefined;
  });

  /** A fresh replica whose drift window is exactly one batch, scraped by a fresh Prometheus. */
  async function fleet(): Promise<{ service: RunningService; prometheus: PrometheusServer; metricsPort: number }> {
    service = await startService({ MODEL_REGISTRY_URL: EMBEDDED_REGISTRY_URL, DRIFT_WINDOW_SIZE: String(series.length * HORIZON), DRIFT_INTERVAL_MS: '200' });
    expect((await waitForReadiness(service.url)).status).toBe(200);
    prometheus = await startPrometheus(service.metricsUrl.replace('http://', ''), [RULES]);
    const p = prometheus;
    await until(async () => ((await p.query('demand_forecast_model_ready == 1')).length > 0 ? true : undefined), 'a scrape of the ready replica');
    return { service, prometheus, metricsPort: Number(new URL(service.metricsUrl).port) };
  }

  async function send(url: string, body: object): Promise<void> {
    const response = await fetch(`${url}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  }

  /** Fleet PSI per feature once the rules have seen `rows` binned rows of lag_1. */
  async function fleetPsi(p: PrometheusServer, rows: number): Promise<Map<string, number>> {
    await until(async () => {
      const seen = await p.query('demand_forecast:drift_rows:increase1h{feature="lag_1"}');
      return seen.length > 0 && Number(seen[0].value[1]) >= rows * 0.99 ? true : undefined;
    }, `${rows} rows in the fleet drift rules`);
    // One more evaluation round so every rule downstream has the same data.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    return new Map((await p.query('demand_forecast:drift_psi:fleet_1h')).map((r) => [r.metric.feature, Number(r.value[1])]));
  }

  async function alertedFeatures(p: PrometheusServer): Promise<string[]> {
    return (await p.query(`ALERTS{alertname="${ALERT}"}`)).map((r) => r.metric.feature).sort();
  }

  it('raises nothing for the training population at each of 12 consecutive origin months', async () => {
    const { service: s, prometheus: p, metricsPort } = await fleet();
    const worst = new Map<string, number>();
    for (let month = 1; month <= 12; month++) {
      const before = Date.now() / 1000;
      await send(s.url, batch(series, `2018-${String(month).padStart(2, '0')}`));
      // The window is exactly this batch once the drift gauges were computed after it arrived.
      const gauges = await until(async () => {
        const text = await fetchMetrics(metricsPort);
        const computed = Number(/^demand_forecast_drift_last_computed_timestamp_seconds (\S+)$/m.exec(text)?.[1] ?? 0);
        return computed > before + 0.3 ? psiGauges(text) : undefined;
      }, 'drift gauges after the batch');
      expect(gauges.size).toBeGreaterThan(10);
      for (const [feature, value] of gauges) worst.set(feature, Math.max(worst.get(feature) ?? 0, value));
    }
    const above = [...worst].filter(([, v]) => v >= PSI_THRESHOLD);
    expect(above).toEqual([]);
    const fleetWide = await fleetPsi(p, 12 * series.length * HORIZON);
    expect([...fleetWide].filter(([, v]) => v >= PSI_THRESHOLD)).toEqual([]);
    expect(await alertedFeatures(p)).toEqual([]);
    console.log(`in-distribution replay: worst per-replica PSI ${JSON.stringify(Object.fromEntries([...worst].map(([f, v]) => [f, Math.round(v * 1000) / 1000])))}; fleet ${JSON.stringify(Object.fromEntries([...fleetWide].map(([f, v]) => [f, Math.round(v * 1000) / 1000])))}`);
  });

  it('alerts on a demand shock (the last 3 months of every series halved) within the first batch, naming the lags it moved', async () => {
    const { service: s, prometheus: p } = await fleet();
    await send(s.url, batch(series, '2018-12', (v) => v.map((x, i) => (i >= v.length - 3 ? x / 2 : x))));
    const fleetWide = await fleetPsi(p, series.length * HORIZON);
    console.log(`demand shock: fleet PSI ${JSON.stringify(Object.fromEntries([...fleetWide].map(([f, v]) => [f, Math.round(v * 1000) / 1000])))}`);
    const alerted = await until(async () => {
      const features = await alertedFeatures(p);
      return features.includes('lag_1') ? features : undefined;
    }, 'the drift alert');
    expect(alerted).toEqual(expect.arrayContaining(['lag_1', 'lag_2', 'lag_3', 'roll_mean_3']));
    // Lags further back move too (the 12-month scale they are divided by fell by an eighth), but the series' identity
    // and mix did not change: those features stay quiet.
    for (const quiet of ['country', 'sku', 'attr_industry_group']) expect(alerted).not.toContain(quiet);
  });

  it('alerts on a new mix (one country\'s series at 3x) within the first batch, naming the level within the country', async () => {
    const { service: s, prometheus: p } = await fleet();
    await send(s.url, batch(series, '2018-12', (v, x) => (x.country === 'NSW' ? v.map((y) => y * 3) : v)));
    const fleetWide = await fleetPsi(p, series.length * HORIZON);
    console.log(`new mix: fleet PSI ${JSON.stringify(Object.fromEntries([...fleetWide].map(([f, v]) => [f, Math.round(v * 1000) / 1000])))}`);
    const alerted = await until(async () => {
      const features = await alertedFeatures(p);
      return features.includes('log_scale|country') ? features : undefined;
    }, 'the drift alert');
    expect(alerted).toContain('log_scale|country');
    // Scale-free shape features did not move: the alert names what carries the shift.
    expect(alerted).not.toContain('lag_1');
  });
});
