/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import * as path from 'node:path';
import { RunningService } from '../../../src/bootstrap';
import { REPO_ROOT, startService, waitForReadiness } from '../../support/app';
import { RunningAzurite, startAzurite } from '../../support/azurite';
import { seasonalValues, series } from '../../support/forecast-bodies';
import { fetchMetrics, sampleValue } from './support/metrics-text';
import { PrometheusServer, startPrometheus } from './support/prometheus-server';

jest.setTimeout(120_000);

const RULES = path.join(REPO_ROOT, 'monitoring/prometheus/rules.yml');

interface ForecastBody {
  forecasts: { country: string; sku: string; points: { month: string; value: number }[] }[];
}

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

function sumOf(texts: string[], name: string): number {
  let total = 0;
  for (const text of texts) for (const line of text.split('\n')) if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) total += Number(line.split(' ').pop());
  return total;
}

async function eventually(prometheus: PrometheusServer, expr: string, accept: (value: number) => boolean, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await prometheus.query(expr);
    const value = result.length > 0 ? Number(result[0].value[1]) : undefined;
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${expr} never satisfied the condition; last value ${value}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('accuracy for a fleet: two replicas sharing one forecast log on Azurite, one restarted', () => {
  let azurite: RunningAzurite;
  const services: RunningService[] = [];
  let prometheus: PrometheusServer | undefined;

  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await prometheus?.stop();
    for (const s of services) await s.close().catch(() => undefined);
    await azurite?.stop();
  });

  async function replica(): Promise<RunningService> {
    const service = await startService({
      FORECAST_LOG_URL: `${azurite.blobEndpoint}/forecast-log`,
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      FORECAST_LOG_FLUSH_MS: '60000', // only the shutdown flush: the restart is what makes A's forecasts durable
    });
    services.push(service);
    expect((await waitForReadiness(service.url)).status).toBe(200);
    return service;
  }

  it('scores forecasts served by A with actuals posted to B after A restarted, each actual once, WAPE and bias as computed offline', async () => {
    const a = await replica();
    const b = await replica();

    const body = {
      horizon: 6,
      series: ['DE', 'FR', 'DE', 'FR', 'DE', 'FR', 'DE', 'FR'].map((country, i) =>
        series({ country, sku: `SKU-${i}`, history: { start: '2021-01', values: seasonalValues(36, 50 + 20 * i, i) } }),
      ),
    };
    const served = await post(`${a.url}/v1/forecast`, body);
    expect(served.status).toBe(200);
    const points = (served.json as ForecastBody).forecasts.flatMap((f) => f.points.map((p) => ({ country: f.country, sku: f.sku, month: p.month, forecast: p.value })));
    expect(points).toHaveLength(48);

    // The rollout: A stops (its shutdown writes the buffered forecasts) and comes back with nothing in memory.
    await a.close();
    services.splice(services.indexOf(a), 1);
    const restarted = await replica();
    // Prometheus scrapes the fleet before the actuals, so increase() sees the counters at 0 first.
    prometheus = await startPrometheus([b, restarted].map((s) => s.metricsUrl.replace('http://', '')), [RULES]);
    await eventually(prometheus, 'count(demand_forecast_accuracy_actual_units_total{country="FR",horizon_bucket="1"})', (v) => v === 2);

    const factors = [0.7, 1.25, 0.95, 1.1, 1.4, 0.85];
    const actuals = points.map((p, i) => ({ country: p.country, sku: p.sku, month: p.month, value: Math.round(p.forecast * factors[i % factors.length] * 100) / 100 }));
    let absError = 0;
    let signedError = 0;
    let actualUnits = 0;
    points.forEach((p, i) => {
      absError += Math.abs(p.forecast - actuals[i].value);
      signedError += p.forecast - actuals[i].value;
      actualUnits += actuals[i].value;
    });
    const offline = { wape: absError / actualUnits, bias: signedError / actualUnits };

    expect(await post(`${b.url}/v1/actuals`, { actuals })).toEqual({
      status: 200,
      json: { received: 48, matched: 48, scoredForecasts: 48, unmatched: { no_forecast: 0, duplicate: 0 } },
    });
    // The same actuals again, through the restarted replica and through B: already scored, by someone.
    expect((await post(`${restarted.url}/v1/actuals`, { actuals })).json).toMatchObject({ matched: 0, unmatched: { duplicate: 48 } });
    expect((await post(`${b.url}/v1/actuals`, { actuals: actuals.slice(0, 5) })).json).toMatchObject({ matched: 0, unmatched: { duplicate: 5 } });

    const texts = await Promise.all([b, restarted].map((s) => fetchMetrics(Number(new URL(s.metricsUrl).port))));
    expect(sumOf(texts, 'demand_forecast_accuracy_matched_points_total')).toBe(48);
    const fleetWape = sumOf(texts, 'demand_forecast_accuracy_abs_error_units_total') / sumOf(texts, 'demand_forecast_accuracy_actual_units_total');
    expect(Math.abs(fleetWape - offline.wape)).toBeLessThan(0.001);
    expect(sampleValue(texts[0], 'demand_forecast_accuracy_matched_points_total', { horizon_bucket: '4-6', version: '1', country: 'FR' })).toBe(12);

    // Fleet-wide through the real recording rules, from both replicas' counters.
    await eventually(prometheus!, 'sum(demand_forecast:accuracy_matched_points:increase30d)', (v) => v > 0);
    const wape = await eventually(prometheus!, 'demand_forecast:wape_by_version:30d{version="1"}', (v) => v > 0);
    const bias = await eventually(prometheus!, 'demand_forecast:bias_by_version:30d{version="1"}', (v) => v !== 0);
    expect(Math.abs(wape - offline.wape)).toBeLessThan(0.001);
    expect(Math.abs(bias - offline.bias)).toBeLessThan(0.001);
    // increase() extrapolates a young counter's range, so counts are compared as shares: half the points are DE.
    const deShare = await eventually(
      prometheus!,
      'sum(demand_forecast:accuracy_matched_points:increase30d{country="DE"}) / sum(demand_forecast:accuracy_matched_points:increase30d)',
      (v) => v > 0,
    );
    expect(deShare).toBeCloseTo(0.5, 6);
    await eventually(prometheus!, 'demand_forecast:wape_by_country:30d{country="FR",version="1"}', (v) => v > 0);
  });
});
