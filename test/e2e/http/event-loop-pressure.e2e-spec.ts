import { RunningService } from '../../../src/bootstrap';
import { startService, waitForReadiness } from '../../support/app';
import { series } from '../../support/forecast-bodies';

jest.setTimeout(30_000);

// @fastify/under-pressure samples the event loop once a second, on a timer, and reads the mean delay of the ticks
// since its last sample. One long block is not enough: the ticks before it in the same window (every 10 ms while the
// loop was free) pull the mean under the threshold unless the block began right after a sample, which made this
// test pass or fail by timing (it failed once in CI). Blocks of 250 ms with a moment free between them, for
// longer than two sample windows, leave every window's mean far above 50 ms, and the last sample read stands
// until the next one, a second later, while the request below is answered.
async function lagTheLoop(totalMs: number): Promise<void> {
  const until = Date.now() + totalMs;
  while (Date.now() < until) {
    const blockUntil = Date.now() + 250;
    while (Date.now() < blockUntil) {
      // Busy on purpose: the lag the service must see.
    }
    await new Promise((resolve) => setImmediate(resolve));
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
    await lagTheLoop(2300);
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
