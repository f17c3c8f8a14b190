import * as http from 'node:http';
import * as net from 'node:net';
import { waitForReadiness } from '../../support/app';
import { buildOnce, BuiltService, spawnService } from '../../support/built-service';
import { series } from '../../support/forecast-bodies';
import { REQUEST_OUTCOMES } from '../../../src/monitoring/metrics/request-outcome';
import { sampleValue } from '../monitoring/support/metrics-text';

jest.setTimeout(60_000);

describe('overload of the booted service', () => {
  // The built process, as production runs it: under jest, onnxruntime answers without yielding to I/O, so
  // requests in one jest process never overlap and admission would have nothing to bound.
  let running: BuiltService;

  beforeAll(async () => {
    buildOnce();
    running = await spawnService('overload', {
      // One 500-series body of this trees-only model is ~18 ms by the estimate: a bound of 1 admits one at a time.
      MAX_SCORING_MS_IN_FLIGHT: '1',
      MAX_QUEUED_REQUESTS: '0',
      QUEUE_TIMEOUT_MS: '2000',
      // Every body scored on the scoring thread, so while one is scored the event loop reads the others: scored
      // inline, a 500-series body of this trees-only model can finish before the next body is parsed, and then
      // none overlap at all.
      SCORING_THREAD_ABOVE_MS: '0',
    });
    expect((await waitForReadiness(running.url, (r) => r.status === 200, 30_000)).status).toBe(200);
    // Loading the model lags the loop; let under-pressure's next sample see it idle.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
  afterAll(async () => {
    const started = Date.now();
    running.child.kill('SIGTERM');
    const code = await running.exited;
    expect({ code, signal: running.child.signalCode, ms: Date.now() - started, out: running.output().slice(-2000) }).toMatchObject({ code: 0 });
  });

  const body = JSON.stringify({ horizon: 12, series: Array.from({ length: 500 }, (_, i) => series({ id: `s${i}` })) });
  // node:http with a socket per request: jest's fetch sends one request at a time to an origin here.
  const forecast = () =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request(`${running.url}/v1/forecast`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('refuses work beyond the bound at once with 503 OVERLOADED and Retry-After, serves the rest, and stays live', async () => {
    const burst = Array.from({ length: 40 }, () => forecast());
    const liveStarted = Date.now();
    const live = await fetch(`${running.url}/health/live`);
    const liveMs = Date.now() - liveStarted;
    const responses = await Promise.all(burst);

    const byStatus: Record<number, number> = {};
    for (const r of responses) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    // No queue: a request arriving while another is scored is refused at once. The event loop itself serialises
    // parsing, so how many overlap depends on timing; with 40 at once some always do.
    expect(Object.keys(byStatus).sort()).toEqual(['200', '503']);
    const refused = responses.find((r) => r.status === 503)!;
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.body)).toEqual({ statusCode: 503, error: 'Service Unavailable', code: 'OVERLOADED', message: 'the service cannot answer right now; retry later' });
    expect(live.status).toBe(200);
    expect(liveMs).toBeLessThan(1000);
    // Full service again as soon as the burst is over.
    expect((await forecast()).status).toBe(200);
  });

  const counters = async (): Promise<Record<string, number>> => {
    const text = await (await fetch(`${running.metricsUrl}/metrics`)).text();
    const abandoned = (stage: string) => sampleValue(text, 'demand_forecast_forecast_requests_abandoned_total', { stage }) ?? NaN;
    const series = REQUEST_OUTCOMES.reduce((sum, outcome) => sum + (sampleValue(text, 'demand_forecast_series_total', { outcome }) ?? 0), 0);
    return { beforeParse: abandoned('before_parse'), queued: abandoned('queued'), beforeScoring: abandoned('before_scoring'), series };
  };

  it('parses and scores nothing for clients that sent their body and closed, counts them as abandoned, and answers the next', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = await counters();
    // A flood ending, or clients timing out: the whole request and the close arrive together.
    const request = `POST /v1/forecast HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    // What each client saw, so a connection the service never closes fails with its story instead of a jest timeout
    // (seen once in ~20 runs on a loaded machine, not reproduced since).
    const clients = Array.from({ length: 12 }, () => ({ received: '', closed: false }));
    const closed = Promise.all(
      clients.map((client) => new Promise((resolve) => net.connect(Number(new URL(running.url).port), '127.0.0.1', function (this: net.Socket) {
        this.on('data', (chunk: Buffer) => (client.received += chunk.toString().slice(0, 80)));
        this.on('error', (error) => (client.received += ` [${error.message}]`)).on('close', () => resolve((client.closed = true)));
        this.end(request);
      }))),
    );
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((resolve) => (deadline = setTimeout(resolve, 20_000)))]);
    clearTimeout(deadline);
    expect(clients.filter((c) => !c.closed)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await counters();
    // None scored, but for at most one whose close the service read only after its body (the first body can be
    // read while its client is still writing); before, a third of them were.
    expect(after.series - before.series).toBeLessThanOrEqual(500);
    // Those given a place to be read were dropped before their body was parsed (the rest were refused unread).
    expect(after.beforeParse - before.beforeParse).toBeGreaterThanOrEqual(1);
    expect(after.beforeParse - before.beforeParse + after.queued - before.queued + after.beforeScoring - before.beforeScoring).toBeLessThanOrEqual(12);
    expect((await forecast()).status).toBe(200);
  });

  it('releases the work of a client that left while it was queued', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const blockers = [forecast(), forecast()];
    const controller = new AbortController();
    const gone = fetch(`${running.url}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: controller.signal }).catch((e: Error) => e.name);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    // Aborted while queued or, on a quick machine, already answered: either way nothing may stay counted.
    await gone;
    await Promise.all(blockers);
    // Its work was released, not left counted in flight.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await forecast()).status).toBe(200);
  });
});
