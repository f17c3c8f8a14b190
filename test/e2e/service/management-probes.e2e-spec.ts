import { RunningService } from '../../../src/bootstrap';
import { startService, waitForReadiness } from '../../support/app';

describe('health probes on the management port (where the chart points the kubelet)', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService();
    await waitForReadiness(service.url);
  });
  afterAll(() => service.close());

  it('answers liveness and readiness with the same status and body as the API port', async () => {
    for (const path of ['/health/live', '/health/ready']) {
      const [api, management] = await Promise.all([fetch(`${service.url}${path}`), fetch(`${service.metricsUrl}${path}`)]);
      expect(management.status).toBe(api.status);
      expect(management.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await management.json()).toEqual(await api.json());
    }
    expect(await (await fetch(`${service.metricsUrl}/health/ready`)).json()).toEqual({ status: 'ready', model: { name: 'demand-forecast', version: 1 } });
  });

  it('keeps serving /metrics, and nothing else, beside them', async () => {
    expect((await fetch(`${service.metricsUrl}/metrics`)).status).toBe(200);
    expect((await fetch(`${service.metricsUrl}/health/other`)).status).toBe(404);
    expect((await fetch(`${service.metricsUrl}/health/live`, { method: 'POST' })).status).toBe(404);
  });

  it('reports the drain on the management port too: readiness 503 stopping once shutdown starts', async () => {
    const other = await startService({ SHUTDOWN_DRAIN_DELAY_MS: '800' });
    await waitForReadiness(other.url);
    const closing = other.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ready = await fetch(`${other.metricsUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'stopping' });
    await closing;
  });
});
