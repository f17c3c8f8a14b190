import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fitFeatureSpec } from '../../features/fit-feature-spec';
import { LocalFolderModelStore } from '../../registry/local-folder-model-store';
import { ModelManifest } from '../../registry/model-manifest';
import { ModelRegistry } from '../../registry/model-registry';
import { ObjectConflictError } from '../../registry/registry.errors';
import { promoteIfBetter } from './promote-alias';
import { judgeChallenger } from './promotion-rule';

const spec = fitFeatureSpec([{ country: 'NSW', sku: 'a', start: 0, values: Array.from({ length: 40 }, (_, i) => i + 1) }]);

function manifest(version: number, metrics: Record<string, number>): ModelManifest {
  return {
    schemaVersion: 1,
    name: 'demand-forecast',
    version,
    createdAt: '2024-01-01T00:00:00.000Z',
    codeVersion: 'test',
    artifact: { file: 'model.onnx', sha256: '0'.repeat(64), sizeBytes: 4 },
    io: { input: { name: 'features', type: 'float32', shape: [null, spec.names.length] }, output: { name: 'prediction', type: 'float32', shape: [null, 1] } },
    features: spec,
    maxHorizon: spec.maxHorizon,
    metrics,
    metricDirections: Object.fromEntries(Object.keys(metrics).map((k) => [k, 'lower' as const])),
    golden: [{ name: 'g', request: { horizon: 1, series: [{ country: 'NSW', sku: 'a', history: { start: '2020-01', values: [1] } }] }, expected: [[1]], tolerance: { absolute: 0, relative: 0 } }],
  };
}

let root: string;
let registry: ModelRegistry;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'registration-'));
  registry = new ModelRegistry(new LocalFolderModelStore(root));
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

const register = (metrics: Record<string, number>, bytes = 'onnx') =>
  registry.register('demand-forecast', Buffer.from(bytes), (version) => manifest(version, metrics));

describe('registration on the local folder', () => {
  it('gives concurrent registrations different versions and keeps each one its own bytes', async () => {
    const results = await Promise.all(['one', 'two', 'three', 'four'].map((bytes) => register({ wape: 0.1, abs_bias: 0.01 }, bytes)));
    expect(results.map((m) => m.version).sort()).toEqual([1, 2, 3, 4]);
    const stored = await Promise.all(results.map((m) => fs.readFile(path.join(root, 'demand-forecast', String(m.version), 'model.onnx'), 'utf8')));
    expect(stored.sort()).toEqual(['four', 'one', 'three', 'two']);
  });

  it('never overwrites a version', async () => {
    await register({ wape: 0.1 });
    await expect(registry.store.write('demand-forecast/1/model.onnx', Buffer.from('x'), { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectConflictError);
    expect(await fs.readFile(path.join(root, 'demand-forecast/1/model.onnx'), 'utf8')).toBe('onnx');
  });
});

describe('promotion', () => {
  it('promotes the first version when the alias is unset', async () => {
    const first = await register({ wape: 0.2, abs_bias: 0.05 });
    const decision = await promoteIfBetter(registry, first, 'production', false);
    expect(decision).toMatchObject({ promoted: true, previous: undefined, reason: 'no version holds production yet' });
    expect((await registry.readAliases('demand-forecast')).aliases).toEqual({ production: 1 });
  });

  it.each([
    ['a lower WAPE and smaller |bias|', true, { wape: 0.15, abs_bias: 0.04 }],
    ['a lower WAPE and equal |bias|', true, { wape: 0.15, abs_bias: 0.05 }],
    ['an equal WAPE', false, { wape: 0.2, abs_bias: 0.01 }],
    ['a higher WAPE', false, { wape: 0.25, abs_bias: 0.01 }],
    ['a lower WAPE but a worse |bias|', false, { wape: 0.1, abs_bias: 0.06 }],
  ])('a challenger with %s is promoted: %s', async (_, promoted, metrics) => {
    await promoteIfBetter(registry, await register({ wape: 0.2, abs_bias: 0.05 }), 'production', false);
    const decision = await promoteIfBetter(registry, await register(metrics), 'production', false);
    expect(decision.promoted).toBe(promoted);
    expect(decision.previous).toBe(1);
    expect((await registry.readAliases('demand-forecast')).aliases.production).toBe(promoted ? 2 : 1);
  });

  it('says why it declines, and --force overrides', async () => {
    await promoteIfBetter(registry, await register({ wape: 0.2, abs_bias: 0.05 }), 'production', false);
    const worse = await register({ wape: 0.3, abs_bias: 0.05 });
    const declined = await promoteIfBetter(registry, worse, 'production', false);
    expect(declined.reason).toBe("holdout WAPE 0.3000 does not beat version 1's 0.2000");
    const forced = await promoteIfBetter(registry, worse, 'production', true);
    expect(forced).toMatchObject({ promoted: true, reason: "forced (holdout WAPE 0.3000 does not beat version 1's 0.2000)" });
    expect((await registry.readAliases('demand-forecast')).aliases.production).toBe(2);
  });

  it('keeps other aliases and decides again against whoever won a concurrent promotion', async () => {
    const v1 = await register({ wape: 0.3, abs_bias: 0.05 });
    await promoteIfBetter(registry, v1, 'staging', false);
    const [v2, v3] = [await register({ wape: 0.2, abs_bias: 0.05 }), await register({ wape: 0.1, abs_bias: 0.05 })];
    const decisions = await Promise.all([promoteIfBetter(registry, v3, 'production', false), promoteIfBetter(registry, v2, 'production', false)]);
    // whichever order the writes land in, v2 never replaces v3, and the staging alias survives
    expect((await registry.readAliases('demand-forecast')).aliases).toEqual({ staging: 1, production: 3 });
    expect(decisions[0].promoted).toBe(true);
  });
});

describe('judgeChallenger', () => {
  it('falls back to |bias| when abs_bias is absent and refuses to compare without metrics', () => {
    expect(judgeChallenger({ wape: 0.1, bias: -0.02 }, { wape: 0.2, bias: 0.03 }, 4).better).toBe(true);
    expect(judgeChallenger({ wape: 0.1, bias: -0.04 }, { wape: 0.2, bias: 0.03 }, 4).better).toBe(false);
    expect(judgeChallenger({ wape: 0.1, bias: 0 }, { accuracy: 0.9 }, 4)).toEqual({
      better: false,
      reason: 'version 4 records no holdout wape and bias, so the two cannot be compared',
    });
  });
});
