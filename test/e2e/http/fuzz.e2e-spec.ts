/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import fc from 'fast-check';
import { RunningService } from '../../../src/bootstrap';
import { startService, waitForReadiness } from '../../support/app';
import { seasonalValues } from '../../support/forecast-bodies';
import { retainedHeapBytes } from '../../support/garbage';

jest.setTimeout(180_000);

const RUNS_PER_ROUTE = 5000;
const SEED = 20261201;

// Leaves the fuzzer mixes in: wrong types, extreme numbers, near-miss months, long strings.
const hostileLeaf = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -0.5, 1e12, 1e12 + 1, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, '', 'NaN', 'Infinity', '2021-13', '2021-1', '0000-01', '9999-12', 'x'.repeat(300)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.integer(),
);
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileLeaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 })),
})).value;
const month = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('2020-01', '2019-12', '2021-06') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: hostileLeaf });
const quantity = fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0, max: 5000, noNaN: true }) }, { weight: 1, arbitrary: hostileLeaf });
// Absent five times in six: optional fields are usually left out, as real clients do.
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const series = fc.record(
  {
    id: maybe(fc.oneof(fc.string({ maxLength: 10 }), hostileLeaf)),
    country: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('DE', 'FR', 'NSW') }, { weight: 1, arbitrary: hostileLeaf }),
    sku: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('SKU-A', 'SKU-B') }, { weight: 1, arbitrary: hostileLeaf }),
    attributes: maybe(fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }), json)),
    history: fc.oneof(
      { weight: 12, arbitrary: fc.record({ start: month, values: fc.oneof({ weight: 8, arbitrary: fc.constant(seasonalValues(30)) }, { weight: 3, arbitrary: fc.array(quantity, { minLength: 0, maxLength: 40 }) }, { weight: 1, arbitrary: json }) }) },
      { weight: 1, arbitrary: json },
    ),
    extra: maybe(json),
  },
  { requiredKeys: [] },
);
const forecastBody = fc.oneof(
  { weight: 10, arbitrary: fc.record({ horizon: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 18 }) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 20 }) }, { weight: 1, arbitrary: hostileLeaf }), series: fc.oneof({ weight: 6, arbitrary: fc.array(series, { maxLength: 4 }) }, { weight: 1, arbitrary: json }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: json },
);
const actual = fc.record(
  { country: fc.oneof(fc.constant('DE'), hostileLeaf), sku: fc.oneof(fc.constant('SKU-A'), hostileLeaf), month, value: quantity, extra: maybe(json) },
  { requiredKeys: ['country', 'sku', 'month', 'value'] },
);
const actualsBody = fc.oneof({ weight: 10, arbitrary: fc.record({ actuals: fc.oneof(fc.array(actual, { maxLength: 6 }), json) }, { requiredKeys: [] }) }, { weight: 1, arbitrary: json });

// The shapes of issue 10, serialised by hand where JSON.stringify could not build them.
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const hostileTexts: Array<[string, string]> = [
  ['/v1/forecast', `{"horizon":1,"series":[${deep(10_000)}]}`],
  ['/v1/forecast', `{"horizon":1,"series":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
  ['/v1/forecast', JSON.stringify({ horizon: 1, series: Array.from({ length: 60_000 }, () => ({})) })],
  ['/v1/forecast', JSON.stringify({ horizon: 1, series: [], ...Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i])) })],
  ['/v1/forecast', JSON.stringify({ horizon: 3, series: [{ country: 'DE', sku: 'A', history: { start: '2020-01', values: [...seasonalValues(35), 1e308] } }] })],
  ['/v1/forecast', '{"horizon":1,"series":[],"constructor":{"prototype":{}}}'],
  ['/v1/forecast', '{"horizon":1,"series":[],"__proto__":{"x":1}}'],
  ['/v1/actuals', JSON.stringify({ actuals: Array.from({ length: 5000 }, () => ({ country: 1, sku: 2, month: 3, value: 'x' })) })],
  ['/v1/actuals', JSON.stringify({ actuals: [{ country: 'DE', sku: 'A', month: '2024-01', value: 1e308 }] })],
];

describe('fuzzing /v1/forecast and /v1/actuals (fast-check, fixed seed)', () => {
  let service: RunningService;
  const slowest = { ms: 0, body: '' };
  const slowestWall = { ms: 0 };
  const statuses: Record<string, Record<number, number>> = { '/v1/forecast': {}, '/v1/actuals': {} };

  beforeAll(async () => {
    // Rate limits are off by default (the fuzzer is one client sending thousands a minute). Drift recomputation runs on
    // its own interval on the main thread (a 1.6 s stall was seen once it ran); it is not a request's cost, so
    // it is kept out of this run (issue 10 item 1's stall bound for it belongs to the monitoring suite).
    service = await startService({ MAX_SERIES_PER_REQUEST: '100000', DRIFT_INTERVAL_MS: '600000' });
    expect((await waitForReadiness(service.url)).status).toBe(200);
  });
  afterAll(() => service.close());

  async function send(url: string, payload: string): Promise<void> {
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const response = await service.app.getHttpAdapter().getInstance().inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    // CPU time of this process while the request ran: the request's own cost, which five engineers sharing two
    // cores cannot inflate the way they inflate wall time (seen: 1.4 s wall for a 1 KB body under their load).
    const cpu = process.cpuUsage(cpuBefore);
    const ms = (cpu.user + cpu.system) / 1000;
    if (wallMs > slowestWall.ms) Object.assign(slowestWall, { ms: wallMs });
    if (ms > slowest.ms) Object.assign(slowest, { ms, body: payload.slice(0, 300) });
    statuses[url][response.statusCode] = (statuses[url][response.statusCode] ?? 0) + 1;
    const outcome = { url, body: payload.slice(0, 300) };
    expect({ ...outcome, serverError: response.statusCode >= 500 ? response.body : false, slow: ms >= 1000 ? ms : false }).toEqual({ ...outcome, serverError: false, slow: false });
    const body = JSON.parse(response.body) as Record<string, unknown>;
    if (response.statusCode >= 400) expect(typeof body.code).toBe('string');
    else if (url === '/v1/forecast') {
      const numbers = (body.forecasts as Array<{ points: Array<Record<string, unknown>> }>).flatMap((f) => f.points.flatMap((p) => [p.value, p.lower, p.upper]));
      expect(numbers.filter((n) => n !== undefined && !(typeof n === 'number' && Number.isFinite(n)))).toEqual([]);
    }
    expect(response.body).not.toMatch(/\bat .+\.(js|ts):\d+/);
  }

  it('answers the hostile shapes of issue 10 with a 4xx in bounded time', async () => {
    for (const [url, text] of hostileTexts) await send(url, text);
  });

  it.each<[string, fc.Arbitrary<unknown>]>([
    ['/v1/forecast', forecastBody],
    ['/v1/actuals', actualsBody],
  ])(`never a 5xx, none over 1 s of CPU, memory bounded: ${RUNS_PER_ROUTE} bodies to %s`, async (url, arbitrary) => {
    const heapBefore = retainedHeapBytes();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (body) => {
        await send(url, JSON.stringify(body) ?? 'null');
      }),
      { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
    );
    const retainedGrowth = retainedHeapBytes() - heapBefore;
    console.log(`fuzz ${url}: heap retained after ${RUNS_PER_ROUTE} bodies +${(retainedGrowth / 2 ** 20).toFixed(1)} MiB`);
    // Measured +3 MiB: the served-forecast log and drift windows grow towards their configured bounds, nothing else
    // should. (Without a collection this compared garbage not yet reached and once read +406 MiB in CI.)
    expect(retainedGrowth).toBeLessThan(32 * 1024 * 1024);
    // Both valid and invalid bodies were exercised.
    expect(statuses[url][200]).toBeGreaterThan(50);
    expect(statuses[url][400]).toBeGreaterThan(100);
  });

  afterAll(() => {
    console.log(`fuzz: statuses ${JSON.stringify(statuses)}, most CPU ${slowest.ms.toFixed(1)} ms (${slowest.body.slice(0, 80)}), slowest wall ${slowestWall.ms.toFixed(1)} ms`);
  });
});
