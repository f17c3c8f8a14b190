/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { RunningService } from '../../../src/bootstrap';
import { startService, waitForReadiness } from '../../support/app';
import { series } from '../../support/forecast-bodies';
import { rawRequest } from '../../support/raw-http';

jest.setTimeout(60_000);

describe('hostile requests to the booted service', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ REQUEST_TIMEOUT_MS: '1000' });
    expect((await waitForReadiness(service.url)).status).toBe(200);
  });
  afterAll(() => service.close());

  const post = (body: string) => request(service.url).post('/v1/forecast').set('content-type', 'application/json').send(body);

  it('answers 10,000-deep nesting with a 400 naming the depth rule, not a 500', async () => {
    const response = await post(`{"horizon":1,"series":[${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}]}`).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', violations: [{ rule: 'must not nest deeper than 32 levels' }] });
  });

  it('answers a history of 1e308 with a 400 naming the ceiling, never a 200 with null', async () => {
    const body = { horizon: 3, series: [series({ history: { start: '2021-01', values: [...new Array(35).fill(100), 1e308] } })] };
    const response = await post(JSON.stringify(body)).expect(400);
    expect(response.body.violations).toEqual([{ field: 'series[0].history.values[35]', rule: 'must be a finite number >= 0 and <= 1e12' }]);
  });

  it('refuses actuals of 1e308, which would turn the accuracy counters to +Inf', async () => {
    const response = await request(service.url)
      .post('/v1/actuals')
      .send({ actuals: [{ country: 'DE', sku: 'SKU-A', month: '2024-01', value: 1e308 }] })
      .expect(400);
    expect(response.body.violations).toEqual([{ field: 'actuals[0].value', rule: 'must not be greater than 1000000000000' }]);
  });

  it.each(['constructor', 'prototype'])('answers a top-level %s key with a 400 like any unknown key', async (key) => {
    const response = await post(`{"horizon":1,"series":[${JSON.stringify(series())}],"${key}":{"x":1}}`).expect(400);
    expect(response.body.violations).toEqual([{ field: key, rule: 'is not a known property' }]);
  });

  it('answers a gzip body with a 415 and a code', async () => {
    const response = await request(service.url)
      .post('/v1/forecast')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send(gzipSync(JSON.stringify({ horizon: 1, series: [series()] })))
      .expect(415);
    expect(response.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_CONTENT_ENCODING' });
  });

  it('answers oversized headers with a 431 in the documented shape', async () => {
    const answer = await rawRequest(service.url, [`GET /v1/model HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' });
  });

  it('answers a malformed request line with a 400 in the documented shape', async () => {
    const answer = await rawRequest(service.url, ['NOT HTTP AT ALL\r\n\r\n']);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it('times out a client that sends its body too slowly (408 in the documented shape)', async () => {
    const started = Date.now();
    const head = `POST /v1/forecast HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    const answer = await rawRequest(service.url, [head, '{"horizon":', '1', ',', '"series"'], 400);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 408, code: 'REQUEST_TIMEOUT' });
  });

  it('marks API answers nosniff and no-store, errors included', async () => {
    const ok = await request(service.url).get('/v1/model').expect(200);
    const bad = await post('{"horizon":0}').expect(400);
    for (const response of [ok, bad]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });
});
