/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createApp } from '../../../src/bootstrap';
import { loadAppConfig } from '../../../src/config/load-app-config';
import { MetricsServer } from '../../../src/monitoring/metrics/metrics-server';
import { FIXTURE_REGISTRY_URL, waitForReadiness } from '../../support/app';
import { seasonalValues, series } from '../../support/forecast-bodies';
import { fetchMetrics, sampleValue } from './support/metrics-text';

jest.setTimeout(60_000);

const THROTTLE_HEADER = 'x-test-throttle';

/**
 * The real app on loopback. A stand-in rate limiter (an onRequest hook answering 429 when a test header is set)
 * is the only addition: the service has no limiter of its own yet, and the counting under test is the HTTP
 * boundary's, whichever layer answers.
 */
async function boot(env: Record<string, string>): Promise<{ app: NestFastifyApplication; url: string; metricsPort: number }> {
  const config = loadAppConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'silent',
    MODEL_CACHE_DIR: path.join(os.tmpdir(), `demand-forecast-test-cache-${process.pid}`),
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    REGISTRY_RETRY_INITIAL_MS: '50',
    REGISTRY_RETRY_MAX_MS: '200',
    BODY_LIMIT_BYTES: '20000',
    // Booted from sources: a scoring thread runs compiled JavaScript only (test/support/app.ts says the same).
    SCORING_THREADS: '0',
    FORECAST_LOG_URL: `file:${fs.mkdtempSync(path.join(os.tmpdir(), 'forecast-log-'))}`,
    ...env,
  });
  const app = await createApp(config);
  app.getHttpAdapter().getInstance().addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.headers[THROTTLE_HEADER]) void reply.code(429).send({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    else done();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as { port: number }).port;
  return { app, url: `http://127.0.0.1:${port}`, metricsPort: app.get(MetricsServer).port };
}

function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body });
}

describe('requests_total counts every answer once, by route and outcome, at the HTTP boundary', () => {
  let ready: Awaited<ReturnType<typeof boot>>;
  let notReady: Awaited<ReturnType<typeof boot>>;

  beforeAll(async () => {
    ready = await boot({ MODEL_REGISTRY_URL: FIXTURE_REGISTRY_URL });
    expect((await waitForReadiness(ready.url)).status).toBe(200);
    // An empty registry: the model never resolves, so the service stays live but not ready.
    notReady = await boot({ MODEL_REGISTRY_URL: `file:${fs.mkdtempSync(path.join(os.tmpdir(), 'empty-registry-'))}` });
  });
  afterAll(async () => {
    await ready?.app.close();
    await notReady?.app.close();
  });

  const forecastBody = (history = seasonalValues(36)): string => JSON.stringify({ horizon: 2, series: [series({ history: { start: '2020-01', values: history } })] });

  it('exports every outcome of the API routes at 0 before traffic', async () => {
    const text = await fetchMetrics(ready.metricsPort);
    for (const outcome of ['success', 'invalid_request', 'not_found', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'unavailable', 'server_error']) {
      expect(sampleValue(text, 'demand_forecast_requests_total', { route: '/v1/forecast', outcome })).toBe(0);
    }
  });

  it.each<[string, number, string, () => Promise<Response>]>([
    ['a forecast', 200, 'success', () => post(`${ready.url}/v1/forecast`, forecastBody())],
    ['a structural 400 thrown before the service', 400, 'invalid_request', () => post(`${ready.url}/v1/forecast`, JSON.stringify({ horizon: '3', series: [] }))],
    ['a model-rule 400 from the service', 400, 'invalid_request', () => post(`${ready.url}/v1/forecast`, forecastBody(seasonalValues(5)))],
    ['malformed JSON', 400, 'invalid_request', () => post(`${ready.url}/v1/forecast`, '{"horizon":')],
    ['a body over the limit', 413, 'payload_too_large', () => post(`${ready.url}/v1/forecast`, JSON.stringify({ horizon: 1, pad: 'x'.repeat(30_000) }))],
    ['a non-JSON body', 415, 'unsupported_media_type', () => post(`${ready.url}/v1/forecast`, 'horizon=1', { 'content-type': 'text/plain' })],
    ['a throttled request', 429, 'rate_limited', () => post(`${ready.url}/v1/forecast`, forecastBody(), { 'content-type': 'application/json', [THROTTLE_HEADER]: '1' })],
  ])('counts %s (%d) as %s, once', async (_name, status, outcome, send) => {
    const before = sampleValue(await fetchMetrics(ready.metricsPort), 'demand_forecast_requests_total', { route: '/v1/forecast', outcome }) ?? 0;
    const total = (text: string): number =>
      text.split('\n').filter((l) => l.startsWith('demand_forecast_requests_total{')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    const allBefore = total(await fetchMetrics(ready.metricsPort));
    expect((await send()).status).toBe(status);
    const text = await fetchMetrics(ready.metricsPort);
    expect(sampleValue(text, 'demand_forecast_requests_total', { route: '/v1/forecast', outcome })).toBe(before + 1);
    expect(total(text)).toBe(allBefore + 1);
  });

  it('counts an unknown route (404) under route "unmatched"', async () => {
    const before = sampleValue(await fetchMetrics(ready.metricsPort), 'demand_forecast_requests_total', { route: 'unmatched', outcome: 'not_found' }) ?? 0;
    expect((await post(`${ready.url}/v1/forecasts`, forecastBody())).status).toBe(404);
    expect(sampleValue(await fetchMetrics(ready.metricsPort), 'demand_forecast_requests_total', { route: 'unmatched', outcome: 'not_found' })).toBe(before + 1);
  });

  it('counts a forecast while no model is ready (503) as unavailable, with its series', async () => {
    expect((await post(`${notReady.url}/v1/forecast`, forecastBody())).status).toBe(503);
    const text = await fetchMetrics(notReady.metricsPort);
    expect(sampleValue(text, 'demand_forecast_requests_total', { route: '/v1/forecast', outcome: 'unavailable' })).toBe(1);
    expect(sampleValue(text, 'demand_forecast_series_total', { outcome: 'unavailable' })).toBe(1);
  });

  it('counts rejected and flagged series by the rule\'s reason code, not its wording', async () => {
    const before = await fetchMetrics(ready.metricsPort);
    const reason = (text: string, r: string): number => sampleValue(text, 'demand_forecast_input_rejected_total', { reason: r }) ?? 0;
    const body = JSON.stringify({
      horizon: 1,
      series: [series({ sku: 'A', history: { start: '2020-01', values: seasonalValues(3) } }), series({ sku: 'B', history: { start: '2020-01', values: seasonalValues(4) } }), series({ sku: 'B' })],
    });
    expect((await post(`${ready.url}/v1/forecast`, body)).status).toBe(400);
    const zeros = JSON.stringify({ horizon: 1, series: [series({ history: { start: '2020-01', values: new Array(36).fill(0) } })] });
    expect((await post(`${ready.url}/v1/forecast`, zeros)).status).toBe(200);
    const after = await fetchMetrics(ready.metricsPort);
    expect(reason(after, 'history_too_short') - reason(before, 'history_too_short')).toBe(2);
    expect(reason(after, 'duplicate_id') - reason(before, 'duplicate_id')).toBe(1);
    expect(reason(after, 'all_zero_history') - reason(before, 'all_zero_history')).toBe(1);
    expect(sampleValue(after, 'demand_forecast_series_total', { outcome: 'invalid_request' })).toBeGreaterThanOrEqual(3);
  });

  it('returns violations without the internal reason code', async () => {
    const response = await post(`${ready.url}/v1/forecast`, forecastBody(seasonalValues(5)));
    const body = (await response.json()) as { violations: object[] };
    expect(body.violations).toEqual([{ field: 'series[0].history.values', rule: expect.stringMatching(/months of history/) }]);
  });
});
