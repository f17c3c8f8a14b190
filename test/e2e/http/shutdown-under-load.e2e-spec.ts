import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_REGISTRY_URL, waitForReadiness } from '../../support/app';
import { buildOnce, freePort, SpawnedService, spawnMain } from '../../support/built-service';
import { series } from '../../support/forecast-bodies';
import { keepAliveLoad } from '../../support/keep-alive-load';

jest.setTimeout(90_000);

describe('SIGTERM under 16 keep-alive connections of steady load', () => {
  let running: SpawnedService | undefined;

  beforeAll(() => buildOnce());
  afterAll(async () => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  });

  it('loses nothing: every request sent before the listener closed is a 2xx, no connection reset, exit 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    running = spawnMain({
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      MODEL_REGISTRY_URL: FIXTURE_REGISTRY_URL,
      MODEL_CACHE_DIR: path.join(os.tmpdir(), `demand-forecast-shutdown-test-${process.pid}`),
      SHUTDOWN_DRAIN_DELAY_MS: '1500',
    });
    expect((await waitForReadiness(url, (r) => r.status === 200, 30_000)).status).toBe(200);

    const load = keepAliveLoad(url, '/v1/forecast', JSON.stringify({ horizon: 6, series: [series({ id: 'a' }), series({ id: 'b' })] }), 16);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = Date.now();
    running.child.kill('SIGTERM');
    const code = await running.exited;
    const exitSeconds = (Date.now() - started) / 1000;
    await load.done();

    const { statuses, errors } = load.tally;
    const nonSuccess = Object.entries(statuses).filter(([status]) => Number(status) >= 300);
    expect({ nonSuccess, resets: errors.ECONNRESET ?? 0, otherErrors: Object.keys(errors).filter((e) => e !== 'ECONNREFUSED') }).toEqual({ nonSuccess: [], resets: 0, otherErrors: [] });
    // Enough load for the count to mean something.
    expect(statuses[200]).toBeGreaterThan(100);
    expect(code).toBe(0);
    // The chart's terminationGracePeriodSeconds is 30.
    expect(exitSeconds).toBeLessThan(10);
  });
});
