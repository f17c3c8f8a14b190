import { RunningService } from '../../../src/bootstrap';
import { startService, waitForReadiness } from '../../support/app';
import { series } from '../../support/forecast-bodies';

jest.setTimeout(30_000);

// @fastify/under-pressure samples the event loop once a second, on a timer: a loop held busy in this process (the
// app runs in it) for longer than that makes the sample that runs right after read the lag.
function lagTheLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy on purpose: the lag the service must see.
  }
}

describe('event-loop pressure (MAX_EVENT_LOOP_DELAY_MS)', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ MAX_EVENT_LOOP_DELAY_MS: '50' });
    expect((await waitForReadiness(service.url)).status).toBe(200);
  });
  afterAll(() => service.close());

  it('refuses /v1 with one 503 OVERLOADED, Retry-After and Connection: close while the loop lags, and keeps health answering', async () => {
    lagTheLoop(1100);
    const response = await fetch(`${service.url}/v1/forecast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ horizon: 3, series: [series()] }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('connection')).toBe('close');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', code: 'OVERLOADED', message: 'the service cannot answer right now; retry later' });
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    // Serving again once a sample sees the loop free.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const after = await fetch(`${service.url}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ horizon: 3, series: [series()] }) });
    expect(after.status).toBe(200);
  });
});
