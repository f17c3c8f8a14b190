import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AzureBlobModelStore } from '../../../src/registry/azure-blob-model-store';
import { ManifestInvalidError } from '../../../src/registry/manifest-invalid.error';
import { fetchModel } from '../../../src/registry/model-fetcher';
import { ModelRegistry } from '../../../src/registry/model-registry';
import { resolveModelVersion } from '../../../src/registry/model-resolver';
import { ModelChecksumMismatchError, ModelVersionNotFoundError } from '../../../src/registry/registry.errors';
import { azuriteStore, RunningAzurite, startAzurite, uploadRegistryFolder } from '../../support/azurite';

jest.setTimeout(60_000);

const FIXTURE = path.resolve(__dirname, '../../fixtures/registry');
const MODEL = 'demand-forecast';

describe('version selection and fetching from an Azurite container holding the fixture registry', () => {
  let azurite: RunningAzurite;
  let store: AzureBlobModelStore;
  let registry: ModelRegistry;
  let cacheDir: string;

  beforeAll(async () => {
    azurite = await startAzurite();
    store = await azuriteStore(azurite, 'models');
    await uploadRegistryFolder(FIXTURE, store);
    registry = new ModelRegistry(store);
  });

  afterAll(async () => {
    await azurite?.stop();
  });

  beforeEach(async () => {
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'azurite-cache-'));
  });
  afterEach(() => fs.rm(cacheDir, { recursive: true, force: true }));

  it('holds the fixture exactly', async () => {
    expect(await store.list(`${MODEL}/`)).toEqual([
      `${MODEL}/1/manifest.json`,
      `${MODEL}/1/model.onnx`,
      `${MODEL}/2/manifest.json`,
      `${MODEL}/2/model.onnx`,
      `${MODEL}/aliases.json`,
    ]);
    expect(await registry.listVersions(MODEL)).toEqual([1, 2]);
  });

  // Fixture: production -> 1, staging -> 2; wape 0.131 (v1) < 0.151 (v2); abs_bias 0.0312 (v1) > 0.0305 (v2).
  it.each([
    ['1', 1],
    ['2', 2],
    ['latest', 2],
    ['production', 1],
    ['staging', 2],
    ['best:wape', 1],
    ['best:accuracy', 1],
    ['best:abs_bias', 2],
  ])('MODEL_VERSION=%s resolves to version %i', async (selector, expected) => {
    await expect(resolveModelVersion(registry, MODEL, selector)).resolves.toBe(expected);
  });

  it.each([
    ['3', /has no version 3 \(registered: 1, 2\)/],
    ['canary', /has no alias "canary" \(aliases: production, staging\)/],
    ['best:rmse', /no version of model demand-forecast records metric "rmse"/],
  ])('MODEL_VERSION=%s names no version', async (selector, message) => {
    const error = await resolveModelVersion(registry, MODEL, selector).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelVersionNotFoundError);
    expect((error as Error).message).toMatch(message);
  });

  it('fetches the resolved version with a verified sha256', async () => {
    const version = await resolveModelVersion(registry, MODEL, 'production');
    const { manifest, modelPath } = await fetchModel(registry, MODEL, version, { cacheDir, timeoutMs: 10_000 });
    const original = await fs.readFile(path.join(FIXTURE, MODEL, '1', 'model.onnx'));
    expect((await fs.readFile(modelPath)).equals(original)).toBe(true);
    expect(manifest.version).toBe(1);
  });

  describe('a tampered registry', () => {
    let tampered: ModelRegistry;

    beforeAll(async () => {
      const other = await azuriteStore(azurite, 'tampered');
      await uploadRegistryFolder(FIXTURE, other);
      const key = `${MODEL}/2/model.onnx`;
      const current = (await other.read(key))!;
      const corrupted = Buffer.from(current.data);
      corrupted[corrupted.length - 1] ^= 0xff;
      await other.write(key, corrupted, { ifMatch: current.etag });
      const manifestKey = `${MODEL}/1/manifest.json`;
      const manifest = (await other.read(manifestKey))!;
      const broken = { ...JSON.parse(manifest.data.toString()), maxHorizon: 0 };
      await other.write(manifestKey, Buffer.from(JSON.stringify(broken)), { ifMatch: manifest.etag });
      tampered = new ModelRegistry(other);
    });

    it('refuses a corrupted model.onnx, naming model and version, and caches nothing', async () => {
      const error = await fetchModel(tampered, MODEL, 2, { cacheDir, timeoutMs: 10_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelChecksumMismatchError);
      expect((error as Error).message).toMatch(/model.onnx of demand-forecast version 2 has sha256 [0-9a-f]{64}, but its manifest records 847044be/);
      expect(await fs.readdir(path.join(cacheDir, MODEL, '2'))).toEqual([]);
    });

    it('refuses an invalid manifest, naming model and version', async () => {
      const error = await fetchModel(tampered, MODEL, 1, { cacheDir, timeoutMs: 10_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ManifestInvalidError);
      expect((error as Error).message).toMatch(/manifest of demand-forecast version 1 is invalid/);
    });

    it('best:<metric> skips the version whose manifest is invalid and warns', async () => {
      const warnings: string[] = [];
      await expect(resolveModelVersion(tampered, MODEL, 'best:wape', { onWarning: (w) => warnings.push(w) })).resolves.toBe(2);
      expect(warnings).toEqual([expect.stringMatching(/best:wape skips demand-forecast version 1/)]);
    });
  });
});
