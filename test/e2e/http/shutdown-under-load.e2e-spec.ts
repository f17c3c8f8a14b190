import { waitForReadiness } from '../../support/app';
import { buildOnce, BuiltService, spawnService } from '../../support/built-service';
import { series } from '../../support/forecast-bodies';
import { keepAliveLoad } from '../../support/keep-alive-load';

jest.setTimeout(90_000);

describe('SIGTERM under 16 keep-alive connections of steady load', () => {
  let running: BuiltService | undefined;

  beforeAll(() => buildOnce());
  afterAll(async () => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  });

  it('loses nothing: every request sent before the listener closed is a 2xx, no connection reset, exit 0', async () => {
    running = await spawnService('shutdown', { SHUTDOWN_DRAIN_DELAY_MS: '1500' });
    const { url } = running;
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
