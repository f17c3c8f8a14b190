import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalFolderModelStore } from './local-folder-model-store';
import { ManifestInvalidError } from './manifest-invalid.error';
import { sampleManifest } from './manifest.fixture';
import { ModelDownloadTimeoutError } from './model-download-timeout.error';
import { fetchModel } from './model-fetcher';
import { ModelRegistry } from './model-registry';
import { ModelStore, StoredObject, WriteCondition } from './model-store';
import { ModelChecksumMismatchError, ModelVersionNotFoundError, RegistryUnavailableError } from './registry.errors';

const MODEL = 'demand-forecast';
const ONNX = Buffer.from('pretend this is an onnx graph');

/** The real local store with injected download failures: the only double in this spec. */
class FlakyStore implements ModelStore {
  readonly location: string;
  downloads = 0;
  constructor(
    private readonly inner: ModelStore,
    private readonly behaviour: (attempt: number, signal?: AbortSignal) => Promise<void> | undefined,
  ) {
    this.location = inner.location;
  }
  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }
  read(key: string): Promise<StoredObject | undefined> {
    return this.inner.read(key);
  }
  async download(key: string, destinationPath: string, signal?: AbortSignal): Promise<void> {
    const injected = this.behaviour(++this.downloads, signal);
    if (injected) return injected;
    return this.inner.download(key, destinationPath, signal);
  }
  write(key: string, data: Buffer, condition: WriteCondition): Promise<void> {
    return this.inner.write(key, data, condition);
  }
}

describe('fetchModel', () => {
  let root: string;
  let cacheDir: string;
  let store: LocalFolderModelStore;
  let registry: ModelRegistry;

  async function put(key: string, content: Buffer | string): Promise<void> {
    const file = path.join(root, key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }

  const cachedFiles = async (): Promise<string[]> => (await fs.readdir(cacheDir, { recursive: true })).sort();

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'fetch-registry-'));
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fetch-cache-'));
    store = new LocalFolderModelStore(root);
    registry = new ModelRegistry(store);
    await put(`${MODEL}/1/model.onnx`, ONNX);
    await put(`${MODEL}/1/manifest.json`, JSON.stringify(sampleManifest(1, ONNX)));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('downloads model.onnx into <cacheDir>/<model>/<version> and returns the validated manifest', async () => {
    const { manifest, modelPath } = await fetchModel(registry, MODEL, 1, { cacheDir, timeoutMs: 5_000 });
    expect(modelPath).toBe(path.join(cacheDir, MODEL, '1', 'model.onnx'));
    expect((await fs.readFile(modelPath)).equals(ONNX)).toBe(true);
    expect(manifest.version).toBe(1);
    expect(await cachedFiles()).toEqual([MODEL, `${MODEL}/1`, `${MODEL}/1/model.onnx`]);
  });

  it('reuses a cached copy whose sha256 matches without touching the registry copy', async () => {
    await fetchModel(registry, MODEL, 1, { cacheDir, timeoutMs: 5_000 });
    const flaky = new FlakyStore(store, () => Promise.reject(new Error('must not download')));
    await expect(fetchModel(new ModelRegistry(flaky), MODEL, 1, { cacheDir, timeoutMs: 5_000 })).resolves.toMatchObject({
      modelPath: path.join(cacheDir, MODEL, '1', 'model.onnx'),
    });
    expect(flaky.downloads).toBe(0);
  });

  it('replaces a cached copy whose sha256 does not match', async () => {
    await fs.mkdir(path.join(cacheDir, MODEL, '1'), { recursive: true });
    await fs.writeFile(path.join(cacheDir, MODEL, '1', 'model.onnx'), 'stale');
    const { modelPath } = await fetchModel(registry, MODEL, 1, { cacheDir, timeoutMs: 5_000 });
    expect((await fs.readFile(modelPath)).equals(ONNX)).toBe(true);
  });

  it('refuses a model.onnx whose sha256 differs from the manifest, naming model and version, and keeps nothing', async () => {
    await put(`${MODEL}/1/model.onnx`, 'corrupted in transit');
    const error = await fetchModel(registry, MODEL, 1, { cacheDir, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelChecksumMismatchError);
    expect((error as Error).message).toMatch(/model.onnx of demand-forecast version 1 has sha256 [0-9a-f]{64}, but its manifest records/);
    expect(await cachedFiles()).toEqual([MODEL, `${MODEL}/1`]);
  });

  it('refuses an invalid manifest, naming model and version', async () => {
    await put(`${MODEL}/1/manifest.json`, JSON.stringify({ ...sampleManifest(1, ONNX), maxHorizon: 0 }));
    const error = await fetchModel(registry, MODEL, 1, { cacheDir, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestInvalidError);
    expect((error as Error).message).toMatch(/manifest of demand-forecast version 1 is invalid/);
  });

  it('a version without a manifest is not found', async () => {
    await expect(fetchModel(registry, MODEL, 7, { cacheDir, timeoutMs: 5_000 })).rejects.toBeInstanceOf(ModelVersionNotFoundError);
  });

  it('makes one attempt: an unavailable registry is thrown to the caller, the one retry layer', async () => {
    const flaky = new FlakyStore(store, () => Promise.reject(new RegistryUnavailableError('down')));
    await expect(fetchModel(new ModelRegistry(flaky), MODEL, 1, { cacheDir, timeoutMs: 5_000 })).rejects.toBeInstanceOf(RegistryUnavailableError);
    expect(flaky.downloads).toBe(1);
    expect(await cachedFiles()).toEqual([MODEL, `${MODEL}/1`]);
  });

  it('times out a hanging download and reports a download timeout', async () => {
    const hang = (_attempt: number, signal?: AbortSignal): Promise<void> =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const flaky = new FlakyStore(store, hang);
    const error = await fetchModel(new ModelRegistry(flaky), MODEL, 1, { cacheDir, timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelDownloadTimeoutError);
    expect((error as Error).message).toMatch(/demand-forecast version 1 took longer than 20 ms/);
    expect(flaky.downloads).toBe(1);
  });

  it("passes the caller's abort to the download and reports it as the abort, not as a timeout", async () => {
    const controller = new AbortController();
    const flaky = new FlakyStore(store, (_attempt, signal) => {
      const aborted = new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
      controller.abort(new Error('shutting down'));
      return aborted;
    });
    const error = await fetchModel(new ModelRegistry(flaky), MODEL, 1, { cacheDir, timeoutMs: 5_000, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ModelDownloadTimeoutError);
    expect((error as Error).message).toBe('shutting down');
    expect(flaky.downloads).toBe(1);
  });

  describe('tracing', () => {
    const exporter = new InMemorySpanExporter();
    beforeAll(() => {
      trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    });
    afterAll(() => trace.disable());
    beforeEach(() => exporter.reset());

    it('wraps the fetch in a span named by model and version, marked failed on error', async () => {
      await fetchModel(registry, MODEL, 1, { cacheDir, timeoutMs: 5_000 });
      await fetchModel(registry, MODEL, 9, { cacheDir, timeoutMs: 5_000 }).catch(() => undefined);
      const spans = exporter.getFinishedSpans();
      expect(spans.map((s) => [s.name, s.attributes['model.name'], s.attributes['model.version'], s.status.code])).toEqual([
        ['registry.fetch_model', MODEL, 1, 0],
        ['registry.fetch_model', MODEL, 9, 2],
      ]);
    });
  });
});
