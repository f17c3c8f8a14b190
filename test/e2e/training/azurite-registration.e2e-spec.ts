import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelRegistry } from '../../../src/registry/model-registry';
import { ObjectConflictError } from '../../../src/registry/registry.errors';
import { promoteIfBetter } from '../../../src/training/registration/promote-alias';
import { runTraining } from '../../../src/training/train-pipeline';
import { azuriteStore, RunningAzurite, startAzurite } from '../../support/azurite';
import { quietProgress, sliceOptions, writeSlice } from './training-slice';

let azurite: RunningAzurite;
let folder: string;
let dataPath: string;
let registry: ModelRegistry;
let registryUrl: string;

beforeAll(async () => {
  azurite = await startAzurite();
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'train-azurite-'));
  dataPath = await writeSlice(folder);
  registry = new ModelRegistry(await azuriteStore(azurite, 'models'));
  registryUrl = `${azurite.blobEndpoint}/models`;
});
afterAll(async () => {
  await azurite?.stop();
  await fs.rm(folder, { recursive: true, force: true });
});

const options = (overrides = {}) => sliceOptions(dataPath, registryUrl, { azureStorageConnectionString: azurite.connectionString, ...overrides });

describe('training registers on Azure Blob (Azurite)', () => {
  it('registers through the same store code as the service and promotes the first version', async () => {
    const result = await runTraining(options({ promote: 'production' }), quietProgress);
    expect(result.manifest.version).toBe(1);
    expect(await registry.listVersions('demand-forecast')).toEqual([1]);
    expect((await registry.readAliases('demand-forecast')).aliases).toEqual({ production: 1 });
    const stored = await registry.readManifest('demand-forecast', 1);
    expect(stored?.artifact.sha256).toBe(result.manifest.artifact.sha256);
  });

  it('gives two concurrent training runs different versions', async () => {
    const [a, b] = await Promise.all([runTraining(options(), quietProgress), runTraining(options(), quietProgress)]);
    expect([a.manifest.version, b.manifest.version].sort()).toEqual([2, 3]);
    expect(await registry.listVersions('demand-forecast')).toEqual([1, 2, 3]);
  });

  it('never overwrites a registered version', async () => {
    await expect(registry.store.write('demand-forecast/1/model.onnx', Buffer.from('x'), { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectConflictError);
  });

  it('keeps the alias when the challenger does not beat the champion, and moves it with --force', async () => {
    // Same data and seed give the same holdout WAPE, which is not strictly better.
    const declined = await runTraining(options({ promote: 'production' }), quietProgress);
    expect(declined.promotion).toMatchObject({ promoted: false, previous: 1 });
    expect(declined.promotion?.reason).toMatch(/does not beat version 1/);
    expect((await registry.readAliases('demand-forecast')).aliases.production).toBe(1);

    const forced = await runTraining(options({ promote: 'production', force: true }), quietProgress);
    expect(forced.promotion).toMatchObject({ promoted: true, previous: 1 });
    expect((await registry.readAliases('demand-forecast')).aliases.production).toBe(forced.manifest.version);
  });

  it('promotes a better challenger and re-decides after a concurrent alias move', async () => {
    const champion = (await registry.readManifest('demand-forecast', 1))!;
    const better = await registry.register('demand-forecast', Buffer.from('onnx'), (version) => ({
      ...champion,
      version,
      metrics: { ...champion.metrics, wape: champion.metrics.wape / 2, abs_bias: 0 },
    }));
    const worse = await registry.register('demand-forecast', Buffer.from('onnx'), (version) => ({
      ...champion,
      version,
      metrics: { ...champion.metrics, wape: champion.metrics.wape * 0.9, abs_bias: 0 },
    }));
    const decisions = await Promise.all([promoteIfBetter(registry, worse, 'staging', false), promoteIfBetter(registry, better, 'staging', false)]);
    expect(decisions.some((d) => d.promoted && d.version === better.version)).toBe(true);
    expect((await registry.readAliases('demand-forecast')).aliases).toMatchObject({ staging: better.version });
  });
});
