/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import request from 'supertest';
import { RunningService } from '../../../src/bootstrap';
import { startService, waitForReadiness } from '../../support/app';
import { seasonalValues, series } from '../../support/forecast-bodies';

interface Violation {
  field: string;
  rule: string;
}

jest.setTimeout(60_000);

describe('bad input to the booted service', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ MAX_SERIES_PER_REQUEST: '5', BODY_LIMIT_BYTES: '20000' });
    expect((await waitForReadiness(service.url)).status).toBe(200);
  });
  afterAll(() => service.close());

  async function violationsOf(body: unknown): Promise<Violation[]> {
    const response = await request(service.url).post('/v1/forecast').send(body as object).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
    expect(typeof response.body.message).toBe('string');
    return response.body.violations as Violation[];
  }

  it.each<[string, unknown, Violation[]]>([
    ['a string horizon (never coerced)', { horizon: '3', series: [series()] }, [{ field: 'horizon', rule: 'must be an integer number' }]],
    ['a fractional horizon', { horizon: 2.5, series: [series()] }, [{ field: 'horizon', rule: 'must be an integer number' }]],
    ['horizon 0', { horizon: 0, series: [series()] }, [{ field: 'horizon', rule: 'must not be less than 1' }]],
    ['horizon above the model maximum', { horizon: 19, series: [series()] }, [{ field: 'horizon', rule: "must be between 1 and 18, the model's maximum horizon" }]],
    ['a missing horizon', { series: [series()] }, [{ field: 'horizon', rule: 'must be an integer number' }]],
    ['no series', { horizon: 1, series: [] }, [{ field: 'series', rule: 'should not be empty' }]],
    ['series not an array', { horizon: 1, series: { a: 1 } }, [{ field: 'series', rule: 'must be an array' }]],
    ['too many series', { horizon: 1, series: Array.from({ length: 6 }, (_, i) => series({ id: `s${i}` })) }, [{ field: 'series', rule: 'must hold at most 5 series (got 6)' }]],
    ['a series that is not an object', { horizon: 1, series: [series(), 7] }, [{ field: 'series[1]', rule: 'must be an object' }]],
    ['a numeric country', { horizon: 1, series: [series({ country: 49 as unknown as string })] }, [{ field: 'series[0].country', rule: 'must be a string' }]],
    ['an empty sku', { horizon: 1, series: [series({ sku: '' })] }, [{ field: 'series[0].sku', rule: 'must be 1 to 100 characters long' }]],
    ['a null id', { horizon: 1, series: [series({ id: null as unknown as string })] }, [{ field: 'series[0].id', rule: 'must be a string' }]],
    ['a non-string attribute', { horizon: 1, series: [series({ attributes: { channel: 3 } as unknown as Record<string, string> })] }, [{ field: 'series[0].attributes', rule: 'must map at most 100 attribute names to strings' }]],
    ['a malformed month', { horizon: 1, series: [series({ history: { start: '2021-13', values: seasonalValues(36) } })] }, [{ field: 'series[0].history.start', rule: 'must be a month in YYYY-MM form' }]],
    ['a month without zero padding', { horizon: 1, series: [series({ history: { start: '2021-1', values: seasonalValues(36) } })] }, [{ field: 'series[0].history.start', rule: 'must be a month in YYYY-MM form' }]],
    ['a history that is not an object', { horizon: 1, series: [series({ history: 'lots' as unknown as SeriesHistoryBody })] }, [{ field: 'series[0].history', rule: 'must be an object' }]],
    [
      'strings, nulls, booleans and negatives among values',
      { horizon: 1, series: [series({ history: { start: '2020-01', values: [...seasonalValues(30), '5', null, true, -1, 3] } })] },
      [30, 31, 32, 33].map((i) => ({ field: `series[0].history.values[${i}]`, rule: 'must be a finite number >= 0 and <= 1e12' })),
    ],
    ['values not an array', { horizon: 1, series: [series({ history: { start: '2020-01', values: 5 as unknown as number[] } })] }, [{ field: 'series[0].history.values', rule: 'must be an array' }]],
    ['history shorter than the model needs', { horizon: 1, series: [series({ history: { start: '2020-01', values: seasonalValues(23) } })] }, [{ field: 'series[0].history.values', rule: 'must hold at least 24 months of history for this model (got 23)' }]],
    ['duplicate ids', { horizon: 1, series: [series({ id: 'x' }), series({ id: 'y' }), series({ id: 'x' })] }, [{ field: 'series[2].id', rule: 'must be unique: "x" is also the id of series[0]' }]],
    ['duplicate default ids', { horizon: 1, series: [series(), series()] }, [{ field: 'series[1].id', rule: 'must be unique: "DE/SKU-A" is also the id of series[0]' }]],
    ['an unknown top-level property', { horizon: 1, series: [series()], model: 'v2' }, [{ field: 'model', rule: 'is not a known property' }]],
    ['an unknown nested property', { horizon: 1, series: [{ ...series(), history: { start: '2021-01', values: seasonalValues(36), end: '2023-12' } }] }, [{ field: 'series[0].history.end', rule: 'is not a known property' }]],
    ['a JSON array body', [series()], [{ field: 'body', rule: 'must be a JSON object' }]],
  ])('400 for %s, naming each field and rule', async (_name, body, expected) => {
    expect(await violationsOf(body)).toEqual(expected);
  });

  it('lists every offending field of a request at once', async () => {
    const violations = await violationsOf({
      horizon: -1,
      series: [series({ country: 1 as unknown as string, history: { start: 'May 2020', values: [1, -2] } })],
    });
    expect(violations.map((v) => v.field)).toEqual(['horizon', 'series[0].country', 'series[0].history.start', 'series[0].history.values[1]']);
  });

  it('reports at most ten bad values per field', async () => {
    const violations = await violationsOf({ horizon: 1, series: [series({ history: { start: '2020-01', values: new Array(40).fill(-1) } })] });
    expect(violations).toHaveLength(10);
  });

  it('400 INVALID_JSON for a body that is not JSON', async () => {
    const response = await request(service.url).post('/v1/forecast').set('content-type', 'application/json').send('{"horizon": 3,').expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
  });

  it('413 for a body over BODY_LIMIT_BYTES', async () => {
    const big = { horizon: 1, series: [series({ history: { start: '2000-01', values: new Array(5000).fill(123.456) } })] };
    const response = await request(service.url).post('/v1/forecast').send(big).expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'PAYLOAD_TOO_LARGE' });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'text/csv', 'application/xml'])('415 for a %s body', async (type) => {
    const response = await request(service.url).post('/v1/forecast').set('content-type', type).send('horizon=1').expect(415);
    expect(response.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('404 as JSON for an unknown route and for a wrong method', async () => {
    const unknown = await request(service.url).get('/v2/forecast').expect(404).expect('content-type', /application\/json/);
    expect(unknown.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'Cannot GET /v2/forecast' });
    const wrongMethod = await request(service.url).get('/v1/forecast').expect(404);
    expect(wrongMethod.body.code).toBe('NOT_FOUND');
    await request(service.url).delete('/v1/model').expect(404);
  });

  it('never answers random junk bodies with a 5xx or a stack trace', async () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const atoms: unknown[] = [null, true, false, 0, -1, 1e308, '', 'x', '2021-01', [], {}, [1, 2], { a: 1 }, 'NaN', -0.5, 19, 1.5];
    const pick = (): unknown => atoms[Math.floor(random() * atoms.length)];
    const mutate = (value: unknown, depth: number): unknown => {
      if (depth > 3 || random() < 0.25) return pick();
      if (Array.isArray(value)) return value.map((v) => mutate(v, depth + 1));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (random() > 0.1) out[random() < 0.05 ? `${k}_x` : k] = mutate(v, depth + 1);
        return out;
      }
      return value;
    };
    const base = { horizon: 3, series: [series({ id: 'a' }), series({ id: 'b', country: 'FR' })] };
    for (let i = 0; i < 150; i++) {
      const body = JSON.stringify(mutate(base, 0));
      const response = await request(service.url).post('/v1/forecast').set('content-type', 'application/json').send(body);
      expect({ body, status: response.status < 500 }).toEqual({ body, status: true });
      expect(response.text).not.toMatch(/\bat .+\.(js|ts):\d+/);
      expect(response.headers['content-type']).toMatch(/application\/json/);
    }
  });
});

type SeriesHistoryBody = { start: string; values: unknown[] };
