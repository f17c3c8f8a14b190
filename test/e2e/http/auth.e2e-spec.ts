/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { RunningService } from '../../../src/bootstrap';
import { startService, waitForReadiness } from '../../support/app';
import { series } from '../../support/forecast-bodies';

jest.setTimeout(60_000);

const ISSUER = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0';
const AUDIENCE = 'api://demand-forecast';
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('authentication and authorisation of API consumers', () => {
  let service: RunningService;
  let jwks: http.Server;
  let tenantKey: PrivateKey;
  let foreignKey: PrivateKey;

  const token = (claims: Record<string, unknown>, options: { key?: PrivateKey; issuer?: string; audience?: string; expiresIn?: string | number } = {}) =>
    new SignJWT({ azp: 'app-1', roles: ['Forecast.Create'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'tenant-key' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? tenantKey);

  beforeAll(async () => {
    const tenant = await generateKeyPair('RS256');
    tenantKey = tenant.privateKey;
    foreignKey = (await generateKeyPair('RS256')).privateKey;
    const keys = { keys: [{ ...(await exportJWK(tenant.publicKey)), kid: 'tenant-key', alg: 'RS256', use: 'sig' }] };
    jwks = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys)));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));

    const dir = mkdtempSync(path.join(os.tmpdir(), 'api-keys-'));
    const keysFile = path.join(dir, 'keys');
    writeFileSync(keysFile, ['# gateways', `gateway-a:${sha256('key-a')}:Forecast.Create,Model.Read`, `gateway-b:${sha256('key-b')}:Forecast.Create`, `gateway-c:${sha256('key-c')}:Forecast.Create`].join('\n'));

    service = await startService({
      AUTH_ENABLED: 'true',
      AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_API_KEYS_FILE: keysFile,
      RATE_LIMIT_PER_MINUTE: '3',
    });
    expect((await waitForReadiness(service.url)).status).toBe(200);
  });
  afterAll(async () => {
    await service.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const forecastBody = { horizon: 2, series: [series()] };

  it('401 UNAUTHENTICATED without credentials, with WWW-Authenticate; health stays open', async () => {
    const response = await request(service.url).post('/v1/forecast').send(forecastBody).expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect(response.headers['www-authenticate']).toBe('Bearer');
    await request(service.url).get('/v1/model').expect(401);
    await request(service.url).get('/health/live').expect(200);
    // The chart's probes go to the management port: open there too.
    await request(service.metricsUrl).get('/health/live').expect(200);
    await request(service.metricsUrl).get('/health/ready').expect(200);
  });

  it('200 for a valid token with the role; 403 FORBIDDEN for the same token on an endpoint needing another role', async () => {
    const valid = await token({});
    await request(service.url).post('/v1/forecast').set('authorization', `Bearer ${valid}`).send(forecastBody).expect(200);
    const forbidden = await request(service.url).get('/v1/model').set('authorization', `Bearer ${valid}`).expect(403);
    expect(forbidden.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: 'this endpoint needs the app role or scope Model.Read' });
    const reader = await token({ azp: 'app-2', roles: [], scp: 'Model.Read' });
    await request(service.url).get('/v1/model').set('authorization', `Bearer ${reader}`).expect(200);
  });

  it.each<[string, () => Promise<string>]>([
    ['an expired token', () => token({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })],
    ['a token signed by a key not in the tenant JWKS', () => token({}, { key: foreignKey })],
    ['a token from another issuer', () => token({}, { issuer: 'https://login.microsoftonline.com/other-tenant/v2.0' })],
    ['a token for another audience', () => token({}, { audience: 'api://someone-else' })],
    ['a malformed token', async () => 'not.a.jwt'],
  ])('401 INVALID_CREDENTIALS for %s', async (_name, make) => {
    const response = await request(service.url).post('/v1/forecast').set('authorization', `Bearer ${await make()}`).send(forecastBody).expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('accepts a known API key with its roles, refuses an unknown one', async () => {
    await request(service.url).get('/v1/model').set('x-api-key', 'key-a').expect(200);
    const unknown = await request(service.url).get('/v1/model').set('x-api-key', 'key-z').expect(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('limits each consumer on its own: 429 with Retry-After and RateLimit headers for one, the other unaffected', async () => {
    const send = (key: string) => request(service.url).post('/v1/forecast').set('x-api-key', key).send({ horizon: 0 });
    for (let i = 0; i < 3; i++) await send('key-b').expect(400);
    const limited = await send('key-b').expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-limit']).toBe('3');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    await send('key-c').expect(400);
  });

  it('counts requests per consumer under a bounded label', async () => {
    const text = await (await fetch(`${service.metricsUrl}/metrics`)).text();
    expect(text).toMatch(/api_consumer_requests_total\{consumer="app-1",route="\/v1\/forecast",status_class="2xx"\} 1/);
    expect(text).toMatch(/api_consumer_requests_total\{consumer="anonymous",route="\/v1\/forecast",status_class="4xx"\} \d+/);
  });
});
