import { promises as fs } from 'node:fs';
import { MetricDirection } from './model-manifest';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalFolderModelStore } from './local-folder-model-store';
import { sampleManifest } from './manifest.fixture';
import { ModelRegistry } from './model-registry';
import { resolveModelVersion } from './model-resolver';
import { ModelVersionNotFoundError } from './registry.errors';
import { VersionSelectorInvalidError } from './version-selector-invalid.error';

const MODEL = 'demand-forecast';

describe('resolveModelVersion', () => {
  let root: string;
  let registry: ModelRegistry;

  async function put(key: string, content: unknown): Promise<void> {
    const file = path.join(root, key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  }

  async function version(v: number, metrics: Record<string, number>, directions: Record<string, MetricDirection>): Promise<void> {
    await put(`${MODEL}/${v}/model.onnx`, 'onnx');
    await put(`${MODEL}/${v}/manifest.json`, sampleManifest(v, undefined, { metrics, metricDirections: directions }));
  }

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'resolver-'));
    registry = new ModelRegistry(new LocalFolderModelStore(root));
    await version(1, { wape: 0.3, accuracy: 0.7, bias: -0.05 }, { wape: 'lower', accuracy: 'higher', bias: 'closest-to-zero' });
    await version(2, { wape: 0.2, accuracy: 0.6 }, { wape: 'lower', accuracy: 'higher' });
    await version(3, { wape: 0.25, accuracy: 0.7, bias: 0.1 }, { wape: 'lower', accuracy: 'higher', bias: 'closest-to-zero' });
    // A version without a manifest is not registered yet (registration writes model.onnx first).
    await put(`${MODEL}/4/model.onnx`, 'onnx');
    await put(`${MODEL}/aliases.json`, { production: 1, staging: 3, retired: 9, broken: 'two' });
  });

  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it.each([
    ['2', 2],
    ['latest', 3],
    ['production', 1],
    ['staging', 3],
    ['best:wape', 2],
    ['best:bias', 1], // closest to zero: -0.05 beats 0.1
    ['best:accuracy', 3], // a tie between 1 and 3 goes to the newer version
  ])('%s resolves to version %i', async (selector, expected) => {
    await expect(resolveModelVersion(registry, MODEL, selector)).resolves.toBe(expected);
  });

  it.each([
    ['4', /model demand-forecast has no version 4 \(registered: 1, 2, 3\)/],
    ['canary', /model demand-forecast has no alias "canary" \(aliases: production, staging, retired, broken\)/],
    ['retired', /alias "retired" of model demand-forecast points at version 9, which does not exist/],
    ['broken', /alias "broken" of model demand-forecast points at "two", not a version number/],
    ['best:rmse', /no version of model demand-forecast records metric "rmse"/],
  ])('%s is a clear ModelVersionNotFoundError', async (selector, message) => {
    const error = await resolveModelVersion(registry, MODEL, selector).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelVersionNotFoundError);
    expect((error as Error).message).toMatch(message);
  });

  it('a malformed selector is a VersionSelectorInvalidError before the registry is read', async () => {
    await expect(resolveModelVersion(registry, MODEL, 'best:')).rejects.toBeInstanceOf(VersionSelectorInvalidError);
  });

  it('latest and aliases of a model with no versions are not found', async () => {
    await expect(resolveModelVersion(registry, 'other-model', 'latest')).rejects.toThrow(/model other-model has no version in file:/);
    await expect(resolveModelVersion(registry, 'other-model', 'production')).rejects.toThrow(/aliases: none/);
  });

  it('an aliases.json that is not JSON is reported as such', async () => {
    await put(`${MODEL}/aliases.json`, '{production: 1');
    await expect(resolveModelVersion(registry, MODEL, 'production')).rejects.toThrow(/aliases.json is not valid JSON/);
  });

  it('best:<metric> skips an invalid manifest with a warning naming the version', async () => {
    await put(`${MODEL}/5/model.onnx`, 'onnx');
    await put(`${MODEL}/5/manifest.json`, { ...sampleManifest(5), metrics: { wape: 0.01 }, metricDirections: {} , maxHorizon: 99 });
    const warnings: string[] = [];
    await expect(resolveModelVersion(registry, MODEL, 'best:wape', { onWarning: (m) => warnings.push(m) })).resolves.toBe(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/best:wape skips demand-forecast version 5: manifest of demand-forecast version 5 is invalid/);
  });

  it('best:<metric> follows the newest direction and warns when versions disagree', async () => {
    await version(5, { accuracy: 0.1 }, { accuracy: 'lower' });
    const warnings: string[] = [];
    await expect(resolveModelVersion(registry, MODEL, 'best:accuracy', { onWarning: (m) => warnings.push(m) })).resolves.toBe(5);
    expect(warnings.join('\n')).toMatch(/versions 1, 2, 3 of demand-forecast record another direction for "accuracy"; using "lower"/);
  });
});
