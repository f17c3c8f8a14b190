import { FIXTURE_REGISTRY_URL, readiness, waitForReadiness } from '../../support/app';
import { buildOnce, SpawnedService, spawnMain, spawnService } from '../../support/built-service';
import { series } from '../../support/forecast-bodies';

jest.setTimeout(90_000);

describe('the built service as a process (node dist/main.js)', () => {
  let running: SpawnedService | undefined;

  beforeAll(() => buildOnce());
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    running = undefined;
  });

  it('exits non-zero at once, naming the variable and the rule, when PORT is bad', async () => {
    running = spawnMain({ PORT: 'eighty', METRICS_PORT: '0', MODEL_REGISTRY_URL: FIXTURE_REGISTRY_URL });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('invalid configuration: PORT must be an integer number (got "eighty")');
    expect(running.output()).not.toMatch(/\n\s+at /);
  });

  it('on SIGTERM: readiness 503 at once, requests still served while draining, then exit 0', async () => {
    // Logs at info: the test reads the shutdown sequence from them.
    const service = await spawnService('process', { LOG_LEVEL: 'info', SHUTDOWN_DRAIN_DELAY_MS: '1500' });
    running = service;
    const { url } = service;
    const ready = await waitForReadiness(url, (r) => r.status === 200, 30_000).catch(() => undefined);
    expect(ready?.status).toBe(200);

    running.child.kill('SIGTERM');
    const draining = await waitForReadiness(url, (r) => r.status === 503, 1000);
    expect(draining).toEqual({ status: 503, body: { status: 'stopping', reason: 'the service is shutting down', model: { name: 'demand-forecast', version: 1 } } });

    // Sent during the drain delay: the listener still accepts, and the request completes.
    const inFlight = await fetch(`${url}/v1/forecast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ horizon: 12, series: [series()] }),
    });
    expect(inFlight.status).toBe(200);
    expect(((await inFlight.json()) as { forecasts: unknown[] }).forecasts).toHaveLength(1);

    expect(await running.exited).toBe(0);
    await expect(readiness(url)).rejects.toThrow();
    const log = running.output();
    expect(log).toContain('draining before closing the listener');
    expect(log).toContain('released the model session');
  });
});
