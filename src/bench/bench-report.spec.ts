import { checkTargets, formatReport, medianCase, HUNDRED, REFERENCE, SERVICE, SERVICE_NO_MONITORING, ServerResult, SINGLE } from './bench-report';

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

describe('formatReport', () => {
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
