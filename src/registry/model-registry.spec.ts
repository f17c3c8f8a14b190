import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalFolderModelStore } from './local-folder-model-store';
import { ManifestInvalidError } from './manifest-invalid.error';
import { sampleManifest } from './manifest.fixture';
import { ModelRegistry } from './model-registry';
import { ObjectConflictError } from './registry.errors';

const MODEL = 'demand-forecast';
const ONNX = Buffer.from('graph');

describe('ModelRegistry', () => {
  let root: string;
  let registry: ModelRegistry;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'registry-'));
    registry = new ModelRegistry(new LocalFolderModelStore(root));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('lists versions that have a manifest, numerically ascending', async () => {
    for (const v of [10, 2, 1]) await registry.store.write(`${MODEL}/${v}/manifest.json`, Buffer.from('{}'), { ifNoneMatch: '*' });
    await registry.store.write(`${MODEL}/11/model.onnx`, ONNX, { ifNoneMatch: '*' });
    await registry.store.write(`${MODEL}-other/3/manifest.json`, Buffer.from('{}'), { ifNoneMatch: '*' });
    await registry.store.write(`${MODEL}/0/manifest.json`, Buffer.from('{}'), { ifNoneMatch: '*' });
    expect(await registry.listVersions(MODEL)).toEqual([1, 2, 10]);
    expect(await registry.listVersions('absent')).toEqual([]);
  });

  it('registers consecutive versions and reads their manifests back validated', async () => {
    const first = await registry.register(MODEL, ONNX, (v) => sampleManifest(v, ONNX));
    const second = await registry.register(MODEL, ONNX, (v) => sampleManifest(v, ONNX));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(await registry.listVersions(MODEL)).toEqual([1, 2]);
    expect((await registry.readManifest(MODEL, 2))?.version).toBe(2);
    expect(await registry.readManifest(MODEL, 3)).toBeUndefined();
  });

  it('never gives two concurrent registrations the same version', async () => {
    const manifests = await Promise.all(Array.from({ length: 5 }, () => registry.register(MODEL, ONNX, (v) => sampleManifest(v, ONNX))));
    expect(manifests.map((m) => m.version).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await registry.listVersions(MODEL)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses to register an invalid manifest', async () => {
    await expect(registry.register(MODEL, ONNX, (v) => ({ ...sampleManifest(v, ONNX), maxHorizon: 0 }))).rejects.toBeInstanceOf(ManifestInvalidError);
    expect(await registry.listVersions(MODEL)).toEqual([]);
  });

  it('reports a manifest that is not JSON as invalid, naming model and version', async () => {
    await registry.store.write(`${MODEL}/1/manifest.json`, Buffer.from('{oops'), { ifNoneMatch: '*' });
    await expect(registry.readManifest(MODEL, 1)).rejects.toThrow(/manifest of demand-forecast version 1 is invalid/);
  });

  it('sets aliases conditionally: a stale table loses', async () => {
    const empty = await registry.readAliases(MODEL);
    expect(empty).toEqual({ aliases: {} });
    await registry.setAlias(MODEL, 'production', 1, empty);
    await expect(registry.setAlias(MODEL, 'staging', 2, empty)).rejects.toBeInstanceOf(ObjectConflictError);
    const current = await registry.readAliases(MODEL);
    await registry.setAlias(MODEL, 'staging', 2, current);
    await expect(registry.setAlias(MODEL, 'production', 2, current)).rejects.toBeInstanceOf(ObjectConflictError);
    expect((await registry.readAliases(MODEL)).aliases).toEqual({ production: 1, staging: 2 });
  });
});
