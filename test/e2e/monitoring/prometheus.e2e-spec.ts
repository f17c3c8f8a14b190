/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunningService } from '../../../src/bootstrap';
import { ModelManifest } from '../../../src/registry/model-manifest';
import { FIXTURE_REGISTRY, REPO_ROOT, startService, waitForReadiness } from '../../support/app';
import { fetchMetrics, promtoolCheckMetrics } from './support/metrics-text';
import { PrometheusServer, startPrometheus } from './support/prometheus-server';

const RULES = path.join(REPO_ROOT, 'monitoring/prometheus/rules.yml');
const DASHBOARD = path.join(REPO_ROOT, 'monitoring/grafana/demand-forecast-dashboard.json');
const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURE_REGISTRY, 'demand-forecast', '1', 'manifest.json'), 'utf8')) as ModelManifest;
const golden = manifest.golden[0].request;

interface ForecastBody {
  forecasts: { country: string; sku: string; points: { month: string; value: number }[] }[];
}

/** The golden series with the last month four times its usual level: lag_1 far above anything seen in training. */
const shifted = {
  ...golden,
  series: golden.series.map((s) => {
    const values = [...s.history.values];
    values[values.length - 1] *= 4;
    return { ...s, history: { ...s.history, values } };
  }),
};

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

/** Polls a PromQL expression until `accept` holds for its first sample's value; returns that value. */
async function eventually(prometheus: PrometheusServer, expr: string, accept: (value: number) => boolean, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last: number | undefined;
  for (;;) {
    const result = await prometheus.query(expr);
    last = result.length > 0 ? Number(result[0].value[1]) : undefined;
    if (last !== undefined && accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`${expr} never satisfied the condition; last value ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function dashboardExpressions(): string[] {
  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
  return dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
}

describe('metrics, drift and accuracy seen through a real Prometheus', () => {
  let service: RunningService;
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    service = await startService({ DRIFT_MIN_SAMPLES: '100', DRIFT_INTERVAL_MS: '200', DRIFT_WINDOW_SIZE: '400' });
    expect((await waitForReadiness(service.url)).status).toBe(200);
    prometheus = await startPrometheus(service.metricsUrl.replace('http://', ''), [RULES]);
    await eventually(prometheus, 'demand_forecast_model_ready', (v) => v === 1);
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await service?.close();
  });

  it('serves /metrics that promtool check metrics accepts', async () => {
    promtoolCheckMetrics(await fetchMetrics(Number(new URL(service.metricsUrl).port)));
  });

  it('moves latency, drift and accuracy series as traffic shifts and actuals arrive', async () => {
    // Normal traffic: the golden request, 15 × 36 rows, fills the 400-row window. Two series are a narrow slice of
    // the training data, so even this "normal" window drifts somewhat; the test checks that the shift moves it further.
    // One request first: a counter series is born at its first increment, and rate() needs a sample before the burst.
    expect((await post(`${service.url}/v1/forecast`, golden)).status).toBe(200);
    await eventually(prometheus, 'sum(demand_forecast_http_request_duration_seconds_count{route="/v1/forecast"})', (v) => v === 1);
    for (let i = 1; i < 15; i++) expect((await post(`${service.url}/v1/forecast`, golden)).status).toBe(200);
    await eventually(prometheus, 'demand_forecast_drift_window_samples{feature="lag_1"}', (v) => v >= 400);
    const normalPsi = await eventually(prometheus, 'demand_forecast_drift_psi{feature="lag_1"}', (v) => v >= 0);
    const normalJs = await eventually(prometheus, 'demand_forecast_drift_js_distance{feature="lag_1"}', (v) => v >= 0);
    await eventually(prometheus, 'sum(demand_forecast_http_request_duration_seconds_count{route="/v1/forecast",status_class="2xx"})', (v) => v === 15);
    await eventually(prometheus, 'demand_forecast:http_request_duration_seconds:p99_5m{route="/v1/forecast"}', (v) => v > 0);
    await eventually(prometheus, 'sum by (stage) (demand_forecast_stage_duration_seconds_count{stage="inference",version="1"})', (v) => v === 15);

    // Shifted traffic replaces the window: lag_1 now lands in the reference's top bin. (Two series are already far
    // from their origin month's reference, so the PSI level itself says little; where the rows go does.)
    const topBin = String((manifest.drift!.features.find((f) => f.name === 'lag_1') as { shares: number[] }).shares.length - 1);
    // On a loaded machine traffic can outrun the refresh, and rows overwritten before they were binned are counted
    // as skipped instead: every shifted row lands in the top bin or in the skipped count.
    const topOrSkipped = `sum(demand_forecast_drift_bin_rows_total{feature="lag_1",bin="${topBin}"}) + sum(demand_forecast_drift_rows_skipped_total)`;
    const topBefore = await eventually(prometheus, topOrSkipped, (v) => v >= 0);
    for (let i = 0; i < 15; i++) expect((await post(`${service.url}/v1/forecast`, shifted)).status).toBe(200);
    await eventually(prometheus, topOrSkipped, (v) => v >= topBefore + 15 * 36);
    const shiftedPsi = await eventually(prometheus, 'demand_forecast_drift_psi{feature="lag_1"}', (v) => v > 0.25 && v !== normalPsi);
    await eventually(prometheus, 'demand_forecast_drift_js_distance{feature="lag_1"}', (v) => v > 0.5 && v !== normalJs);
    expect(shiftedPsi).toBeGreaterThan(0.25);
    // Fleet PSI from the per-bin counters (≥ 200 rows in the hour) sees the mix of both phases.
    await eventually(prometheus, 'demand_forecast:drift_psi:fleet_1h{feature="lag_1",version="1"}', (v) => v > 0.25);
    await eventually(prometheus, 'demand_forecast:feature_problem_ratio:rate15m{feature="lag_1",problem="out_of_reference_range"}', (v) => v > 0);

    // Actuals 25% above the last forecasts served: every error is −0.25·f against 1.25·f → WAPE 0.2, bias −0.2.
    const last = await post(`${service.url}/v1/forecast`, golden);
    const actuals = (last.json as ForecastBody).forecasts.flatMap((f) =>
      f.points.map((p) => ({ country: f.country, sku: f.sku, month: p.month, value: p.value * 1.25 })),
    );
    const answer = await post(`${service.url}/v1/actuals`, { actuals });
    expect(answer).toEqual({
      status: 200,
      json: { received: actuals.length, matched: actuals.length, scoredForecasts: actuals.length, unmatched: { no_forecast: 0, duplicate: 0 } },
    });
    for (const bucket of ['1', '2-3', '4-6', '7-12', '13-18']) {
      const wape = await eventually(prometheus, `demand_forecast:wape:30d{horizon_bucket="${bucket}",version="1"}`, (v) => v > 0);
      expect(wape).toBeCloseTo(0.2, 3);
    }
    expect(await eventually(prometheus, 'demand_forecast:bias_by_version:30d{version="1"}', (v) => v < 0)).toBeCloseTo(-0.2, 3);
    expect(await eventually(prometheus, 'demand_forecast:accuracy_by_version:30d{version="1"}', (v) => v > 0)).toBeCloseTo(0.8, 3);
    await eventually(prometheus, 'demand_forecast_actuals_last_received_timestamp_seconds', (v) => v > Date.now() / 1000 - 120);
  }, 120_000);

  it('evaluates every rule without error', async () => {
    // Two evaluation rounds after the data above, so every rule has run against real series.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const response = await fetch(`${prometheus.url}/api/v1/rules`);
    const body = (await response.json()) as { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
    const rules = body.data.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(28);
    expect(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`)).toEqual([]);
  });

  it('evaluates every dashboard query without error, and the panels have data', async () => {
    const expressions = dashboardExpressions();
    expect(expressions.length).toBeGreaterThan(20);
    const empty: string[] = [];
    for (const expr of expressions) {
      const result = await prometheus.query(expr); // throws on a PromQL error
      if (result.length === 0) empty.push(expr);
    }
    // Only panels of events this test never causes may be empty (load failures, rejected series, unmatched actuals, baseline).
    expect(empty.filter((e) => !/load_failures|input_rejected|unmatched|rows_skipped|forecast_log_dropped|baseline_wape|model_load_duration|status_class=~"4xx\|5xx"|outcome!="success"|http_5xx/.test(e))).toEqual([]);
  });
});
