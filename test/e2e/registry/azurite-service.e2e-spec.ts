/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunningService } from '../../../src/bootstrap';
import { ModelManifest } from '../../../src/registry/model-manifest';
import { Readiness, readiness, startService, waitForReadiness } from '../../support/app';
import { azuriteAddress, azuriteStore, freePort, RunningAzurite, startAzurite, uploadRegistryFolder } from '../../support/azurite';

jest.setTimeout(120_000);

const FIXTURE = path.resolve(__dirname, '../../fixtures/registry');
const MODEL = 'demand-forecast';

async function live(service: RunningService): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${service.url}/health/live`);
  return { status: response.status, body: await response.json() };
}

async function waitFor(service: RunningService, what: string, until: (r: Readiness) => boolean): Promise<Readiness> {
  const last = await waitForReadiness(service.url, until, 60_000);
  if (!until(last)) throw new Error(`timed out waiting for ${what}; last readiness: ${JSON.stringify(last)}`);
  return last;
}

async function fixtureManifest(version: number): Promise<ModelManifest> {
  return JSON.parse(await fs.readFile(path.join(FIXTURE, MODEL, String(version), 'manifest.json'), 'utf8')) as ModelManifest;
}

describe('the service with MODEL_REGISTRY_URL pointing at Azurite', () => {
  const running: RunningService[] = [];
  const emulators: RunningAzurite[] = [];
  let cacheDir: string;

  async function boot(address: { connectionString: string; blobEndpoint: string }, container: string, version: string): Promise<RunningService> {
    const service = await startService({
      MODEL_REGISTRY_URL: `${address.blobEndpoint}/${container}`,
      AZURE_STORAGE_CONNECTION_STRING: address.connectionString,
      MODEL_NAME: MODEL,
      MODEL_VERSION: version,
      MODEL_CACHE_DIR: await fs.mkdtemp(path.join(cacheDir, 'cache-')),
    });
    running.push(service);
    return service;
  }

  const ready = (service: RunningService): Promise<Readiness> => waitFor(service, 'readiness', (r) => r.status === 200);

  beforeAll(async () => {
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'azurite-service-'));
  });

  afterEach(async () => {
    for (const service of running.splice(0)) await service.close();
    for (const azurite of emulators.splice(0)) await azurite.stop();
  });

  afterAll(() => fs.rm(cacheDir, { recursive: true, force: true }));

  it('serves forecasts from the version an alias names in the container', async () => {
    const azurite = await startAzurite();
    emulators.push(azurite);
    await uploadRegistryFolder(FIXTURE, await azuriteStore(azurite, 'models'));
    const service = await boot(azurite, 'models', 'staging');

    expect((await ready(service)).body).toEqual({ status: 'ready', model: { name: MODEL, version: 2 } });
    const manifest = await fixtureManifest(2);
    const model = await (await fetch(`${service.url}/v1/model`)).json();
    expect(model).toMatchObject({ name: MODEL, version: 2, sha256: manifest.artifact.sha256 });

    const golden = manifest.golden[0];
    const response = await fetch(`${service.url}/v1/forecast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(golden.request),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model: { version: number }; forecasts: { points: { value: number }[] }[] };
    expect(body.model.version).toBe(2);
    body.forecasts.forEach((forecast, i) =>
      forecast.points.forEach((point, step) => {
        const expected = golden.expected[i][step];
        expect(Math.abs(point.value - expected)).toBeLessThanOrEqual(golden.tolerance.absolute + golden.tolerance.relative * Math.abs(expected));
      }),
    );
  });

  it('is live but not ready while the registry is down, and becomes ready when it comes back, without a restart', async () => {
    const port = await freePort();
    const service = await boot(azuriteAddress(port), 'models', 'production');

    const waiting = await waitFor(service, 'a failed registry attempt', (r) => r.body.reason?.includes('registry_unavailable') ?? false);
    expect(waiting.status).toBe(503);
    expect(waiting.body.reason).toMatch(/registry_unavailable: .*127\.0\.0\.1:\d+\/devstoreaccount1\/models.*retrying/);
    expect(waiting.body.reason).not.toMatch(/AccountKey|Eby8vdM02/);
    expect(await live(service)).toEqual({ status: 200, body: { status: 'ok' } });
    const refused = await fetch(`${service.url}/v1/forecast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify((await fixtureManifest(1)).golden[0].request),
    });
    expect(refused.status).toBe(503);

    const azurite = await startAzurite({ port });
    emulators.push(azurite);
    await uploadRegistryFolder(FIXTURE, await azuriteStore(azurite, 'models'));

    expect((await ready(service)).body).toEqual({ status: 'ready', model: { name: MODEL, version: 1 } });
    const served = await fetch(`${service.url}/v1/forecast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify((await fixtureManifest(1)).golden[0].request),
    });
    expect(served.status).toBe(200);
  });

  it('never becomes ready on a version whose model.onnx fails its checksum, and says which model and version', async () => {
    const azurite = await startAzurite();
    emulators.push(azurite);
    const store = await azuriteStore(azurite, 'tampered');
    await uploadRegistryFolder(FIXTURE, store);
    const key = `${MODEL}/2/model.onnx`;
    const current = (await store.read(key))!;
    const corrupted = Buffer.from(current.data);
    corrupted[corrupted.length - 1] ^= 0xff;
    await store.write(key, corrupted, { ifMatch: current.etag });

    const service = await boot(azurite, 'tampered', 'staging');
    const refused = await waitFor(service, 'the refusal', (r) => r.body.status === 'failed');
    expect(refused.status).toBe(503);
    expect(refused.body.model).toEqual({ name: MODEL, version: 2 });
    expect(refused.body.reason).toMatch(/checksum_mismatch: .*demand-forecast version 2/);

    // A refused version is not retried into readiness.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await readiness(service.url)).status).toBe(503);
    expect((await live(service)).status).toBe(200);
  });
});
