/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { RunningService } from '../../../src/bootstrap';
import { FIXTURE_REGISTRY, readiness, startService, waitForReadiness } from '../../support/app';
import { series } from '../../support/forecast-bodies';

let scratch: string;
let services: RunningService[] = [];

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'model-lifecycle-'));
});
afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  services = [];
});
afterAll(() => fs.rm(scratch, { recursive: true, force: true }));

/** Each service gets its own cache, so a corrupted registry copy can never be answered from a good cached file. */
async function start(env: NodeJS.ProcessEnv): Promise<RunningService> {
  const service = await startService({ MODEL_CACHE_DIR: await fs.mkdtemp(path.join(scratch, 'cache-')), ...env });
  services.push(service);
  return service;
}

async function copyOfFixture(): Promise<string> {
  const root = await fs.mkdtemp(path.join(scratch, 'registry-'));
  await fs.cp(FIXTURE_REGISTRY, root, { recursive: true });
  return root;
}

jest.setTimeout(60_000);

describe('which version is served', () => {
  it.each([
    ['production', 1],
    ['staging', 2],
    ['2', 2],
    ['1', 1],
    ['latest', 2],
    ['best:wape', 1],
    ['best:accuracy', 1],
  ])('MODEL_VERSION=%s serves version %i and says so everywhere', async (selector, version) => {
    const service = await start({ MODEL_VERSION: selector });
    const ready = await waitForReadiness(service.url);
    expect(ready).toEqual({ status: 200, body: { status: 'ready', model: { name: 'demand-forecast', version } } });
    expect((await request(service.url).get('/v1/model').expect(200)).body.version).toBe(version);
    const forecast = await request(service.url).post('/v1/forecast').send({ horizon: 1, series: [series()] }).expect(200);
    expect(forecast.body.model).toEqual({ name: 'demand-forecast', version });
  });
});

describe('readiness', () => {
  it('is live at once but not ready while the registry has no such model, and becomes ready when it appears', async () => {
    const root = path.join(scratch, 'late-registry');
    const service = await start({ MODEL_REGISTRY_URL: `file:${root}` });
    await request(service.url).get('/health/live').expect(200, { status: 'ok' });

    const waiting = await waitForReadiness(service.url, (r) => /not_found/.test(r.body.reason ?? ''));
    expect(waiting.status).toBe(503);
    expect(waiting.body).toMatchObject({ status: 'loading', model: { name: 'demand-forecast' } });
    expect(waiting.body.reason).toMatch(/retrying in \d+ ms/);

    const refused = await request(service.url).post('/v1/forecast').send({ horizon: 1, series: [series()] }).expect(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'MODEL_NOT_READY', model: { name: 'demand-forecast' } });
    expect(refused.body.reason).toMatch(/not_found/);
    await request(service.url).get('/v1/model').expect(503);

    await fs.cp(FIXTURE_REGISTRY, root, { recursive: true });
    const ready = await waitForReadiness(service.url);
    expect(ready.body).toEqual({ status: 'ready', model: { name: 'demand-forecast', version: 1 } });
    await request(service.url).post('/v1/forecast').send({ horizon: 1, series: [series()] }).expect(200);
  });

  it('never serves a model.onnx whose sha256 differs from the manifest, and says why', async () => {
    const root = await copyOfFixture();
    const onnxPath = path.join(root, 'demand-forecast', '1', 'model.onnx');
    const bytes = await fs.readFile(onnxPath);
    bytes[bytes.length - 1] ^= 0xff;
    await fs.writeFile(onnxPath, bytes);

    const service = await start({ MODEL_REGISTRY_URL: `file:${root}` });
    const failed = await waitForReadiness(service.url, (r) => r.body.status === 'failed');
    expect(failed.status).toBe(503);
    expect(failed.body.model).toEqual({ name: 'demand-forecast', version: 1 });
    expect(failed.body.reason).toMatch(/^checksum_mismatch: /);
    // Refused for good: it does not come back on later checks.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await readiness(service.url)).body.status).toBe('failed');
    await request(service.url).post('/v1/forecast').send({ horizon: 1, series: [series()] }).expect(503);
  });

  it('refuses a version whose manifest does not validate', async () => {
    const root = await copyOfFixture();
    const manifestPath = path.join(root, 'demand-forecast', '2', 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    delete manifest.features;
    await fs.writeFile(manifestPath, JSON.stringify(manifest));

    const service = await start({ MODEL_REGISTRY_URL: `file:${root}`, MODEL_VERSION: '2' });
    const failed = await waitForReadiness(service.url, (r) => r.body.status === 'failed');
    expect(failed.body.reason).toMatch(/^manifest_invalid: manifest of demand-forecast version 2 is invalid/);
  });

  it('refuses a version that does not reproduce its golden examples', async () => {
    const root = await copyOfFixture();
    const manifestPath = path.join(root, 'demand-forecast', '1', 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { golden: { expected: number[][] }[] };
    manifest.golden[0].expected[0][0] += 10;
    await fs.writeFile(manifestPath, JSON.stringify(manifest));

    const service = await start({ MODEL_REGISTRY_URL: `file:${root}` });
    const failed = await waitForReadiness(service.url, (r) => r.body.status === 'failed');
    expect(failed.body.reason).toMatch(/^golden_mismatch: demand-forecast version 1 does not reproduce its golden examples: "known-series-full-horizon" series 0 step 1/);
  });
});
