import { checkFloors, checkTargets, formatReport, medianCase, HUNDRED, LAG_REFERENCE, REFERENCE, SERVICE, SERVICE_NO_MONITORING, ServerResult, SINGLE } from './bench-report';

const MB = 1024 * 1024;

function server(name: string, rssMb: number, single: [number, number], hundred: [number, number]): ServerResult {
  return {
    server: name,
    idleRssBytes: 80 * MB,
    peakRssBytes: rssMb * MB,
    cases: [
      { server: name, body: SINGLE, seriesPerRequest: 1, requestsPerSecond: single[0], seriesPerSecond: single[0], p50Ms: 1, p99Ms: single[1], errors: 0 },
      { server: name, body: HUNDRED, seriesPerRequest: 100, requestsPerSecond: hundred[0], seriesPerSecond: hundred[0] * 100, p50Ms: 5, p99Ms: hundred[1], errors: 0 },
    ],
  };
}

describe('checkTargets', () => {
  it('meets every target when the service keeps up', () => {
    const results = [server(SERVICE, 120, [700, 4], [50, 40]), server(SERVICE_NO_MONITORING, 110, [750, 4], [52, 40]), server(REFERENCE, 90, [1000, 3], [40, 50])];
    const checks = checkTargets(results);
    expect(checks.map((c) => [c.measured, c.met])).toEqual([
      ['0.70x', true],
      ['1.25x', true],
      ['4.0 ms', true],
      ['120 MB', true],
      ['0.93x', true],
      ['0.96x', true],
    ]);
  });

  it('misses targets by the issue thresholds and counts a missing run as missed', () => {
    const results = [server(SERVICE, 301, [690, 10], [39, 40]), server(REFERENCE, 90, [1000, 3], [40, 50])];
    expect(checkTargets(results).map((c) => c.met)).toEqual([false, false, false, false, false, false]);
    expect(checkTargets(results)[4].measured).toBe('not measured');
  });
});

describe('checkFloors', () => {
  it.each([
    ['hold at exactly 0.5x and 10 ms', [800, 10], [25, 40], [true, true], ['0.50x', '10.0 ms (lag reference 2.0 ms)']],
    ['fail just under 0.5x and just over 10 ms', [800, 10.1], [24, 40], [false, false], ['0.48x', '10.1 ms (lag reference 2.0 ms)']],
  ])('%s', (_, single, hundred, met, measured) => {
    const results = [server(SERVICE, 120, single as [number, number], hundred as [number, number]), server(LAG_REFERENCE, 90, [2000, 2], [50, 30])];
    expect(checkFloors(results).map((f) => f.met)).toEqual(met);
    expect(checkFloors(results).map((f) => f.measured)).toEqual(measured);
  });

  it('reads the 100-series floor by server CPU per request too, when both servers report it', () => {
    const withCpu = (r: ServerResult, cpu: number): ServerResult => ({ ...r, cases: r.cases.map((c) => ({ ...c, cpuMicrosPerRequest: c.body === HUNDRED ? cpu : undefined })) });
    const results = [withCpu(server(SERVICE, 120, [800, 4], [25, 40]), 20_000), withCpu(server(LAG_REFERENCE, 90, [2000, 2], [50, 30]), 5_000)];
    expect(checkFloors(results)[0].measured).toBe('0.50x (by server CPU per request 0.25x)');
  });

  it('fails the ratio floor when the lag reference did not run', () => {
    const floors = checkFloors([server(SERVICE, 120, [800, 4], [50, 40])]);
    expect(floors.map((f) => [f.measured, f.met])).toEqual([
      ['not measured', false],
      ['4.0 ms', true],
    ]);
  });
});

describe('formatReport', () => {
  it('prints each case against the lag reference and the floors with a summary', () => {
    const results = [server(SERVICE, 120, [800, 12], [30, 40]), server(LAG_REFERENCE, 90, [2000, 2], [50, 30])];
    const text = formatReport(results, checkTargets(results), checkFloors(results));
    expect(text).toMatch(/service\s+100-series\s+30\s+3000\s.*\s0\.60x\n/);
    expect(text).toMatch(/service\s+single-series\s+800\s+800\s.*\s0\.40x\n/);
    expect(text).toMatch(/lag reference \(lag features only\)\s+100-series\s.*\s1\.00x/);
    expect(text).toMatch(/FLOORS \(issue 9\): 1 OF 2 FAILED\nPASS\s+100-series series\/s >= 0.5x lag reference\s+0.60x\nFAIL\s+single-series p99 <= 10 ms/);
    expect(formatReport(results, [], checkFloors([server(SERVICE, 120, [800, 4], [30, 40]), results[1]]))).toMatch(/FLOORS \(issue 9\): ALL HELD/);
  });


  it('prints one row per server and case, then each target', () => {
    const results = [server(SERVICE, 120, [700, 4], [50, 40])];
    const text = formatReport(results, checkTargets(results));
    expect(text).toMatch(/service\s+single-series\s+700\s+700\s+1.0\s+4.0\s+-\s+0\s+80\s+120/);
    expect(text).toMatch(/service\s+100-series\s+50\s+5000\s+5.0\s+40.0\s+-\s+0\s+80\s+120/);
    expect(text).toMatch(/MISSED\s+single-series requests\/s >= 0.7x reference\s+not measured/);
  });
});

describe('medianCase', () => {
  it('takes the median of each figure over rounds and sums errors', () => {
    const [a, b, c] = [[100, 3, 0], [300, 9, 1], [200, 4, 0]].map(([rps, p99, errors]) => ({
      server: SERVICE, body: SINGLE, seriesPerRequest: 1, requestsPerSecond: rps, seriesPerSecond: rps, p50Ms: 1, p99Ms: p99, errors,
    }));
    expect(medianCase([a, b, c])).toMatchObject({ requestsPerSecond: 200, seriesPerSecond: 200, p99Ms: 4, errors: 1 });
    expect(medianCase([a, b]).requestsPerSecond).toBe(200);
    expect(medianCase([a, b]).cpuMicrosPerRequest).toBeUndefined();
  });

  it('reports the median server CPU per request, printed in µs', () => {
    const rounds = [70, 90, 80].map((cpu) => ({ ...server(SERVICE, 120, [700, 4], [50, 40]).cases[0], cpuMicrosPerRequest: cpu }));
    const result = { ...server(SERVICE, 120, [700, 4], [50, 40]), cases: [medianCase(rounds)] };
    expect(result.cases[0].cpuMicrosPerRequest).toBe(80);
    expect(formatReport([result], [])).toMatch(/service\s+single-series\s+700\s+700\s+1.0\s+4.0\s+80\s+0/);
  });
});
