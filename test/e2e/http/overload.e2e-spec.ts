/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { RunningService } from '../../../src/bootstrap';
import { startService, waitForReadiness } from '../../support/app';
import { series } from '../../support/forecast-bodies';

jest.setTimeout(60_000);

describe('overload of the booted service', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ MAX_SERIES_IN_FLIGHT: '500', MAX_QUEUED_REQUESTS: '2', QUEUE_TIMEOUT_MS: '2000' });
    expect((await waitForReadiness(service.url)).status).toBe(200);
    // Loading the model lags the loop; let under-pressure's next sample see it idle.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
  afterAll(() => service.close());

  const body = JSON.stringify({ horizon: 12, series: Array.from({ length: 500 }, (_, i) => series({ id: `s${i}` })) });
  const forecast = () => fetch(`${service.url}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('releases the series of a client that left while it was queued', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const blockers = [forecast(), forecast()];
    const controller = new AbortController();
    const gone = fetch(`${service.url}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: controller.signal }).catch((e: Error) => e.name);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(await gone).toBe('AbortError');
    await Promise.all(blockers);
    // Its series were released, not left counted in flight.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await forecast()).status).toBe(200);
  });
});
