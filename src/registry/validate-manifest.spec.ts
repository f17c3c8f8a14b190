import { ManifestInvalidError } from './manifest-invalid.error';
import { sampleManifest } from './manifest.fixture';
import { ModelManifest } from './model-manifest';
import { validateManifest } from './validate-manifest';

type Mutation = (m: ModelManifest & Record<string, unknown>) => void;

function problemsOf(mutate: Mutation): string[] {
  const manifest = sampleManifest(2) as ModelManifest & Record<string, unknown>;
  mutate(manifest);
  try {
    validateManifest(manifest, 'demand-forecast version 2');
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestInvalidError);
    expect((error as Error).message).toContain('demand-forecast version 2');
    return (error as ManifestInvalidError).problems;
  }
  throw new Error('the manifest was accepted');
}

describe('validateManifest', () => {
  it('accepts a complete manifest and returns it', () => {
    const manifest = sampleManifest(2);
    expect(validateManifest(manifest, 'demand-forecast version 2')).toBe(manifest);
  });

  it('accepts the optional intervals, drift and data sections when well formed', () => {
    const manifest = sampleManifest(2, undefined, {
      intervals: { coverage: 0.8, lowerRatio: [0.8, 0.7, 0.6], upperRatio: [1.2, 1.3, 1.4] },
    });
    expect(() => validateManifest(manifest, 'x')).not.toThrow();
  });

  it.each<[string, Mutation, RegExp]>([
    ['not an object', (m) => Object.keys(m).forEach((k) => delete m[k]), /must have required property/],
    ['a missing sha256', (m) => delete (m.artifact as Partial<ModelManifest['artifact']>).sha256, /sha256/],
    ['a malformed sha256', (m) => (m.artifact.sha256 = 'abc'), /artifact\/sha256/],
    ['version zero', (m) => (m.version = 0), /\/version/],
    ['an unknown top-level field', (m) => (m.extra = 1), /additional properties/],
    ['a bad created-at', (m) => (m.createdAt = 'yesterday'), /createdAt/],
    ['an upper-case name', (m) => (m.name = 'Demand'), /\/name/],
    ['no golden example', (m) => (m.golden = []), /golden/],
    ['feature names out of order', (m) => m.features.names.reverse(), /features.names must be/],
    ['too little history', (m) => (m.features.minHistory = 1), /features.minHistory must be at least/],
    ['a horizon mismatch', (m) => (m.maxHorizon = 5), /features.maxHorizon must equal maxHorizon/],
    ['an input width mismatch', (m) => (m.io.input.shape = [null, 3]), /io.input.shape must be \[batch, /],
    ['a metric without direction', (m) => (m.metrics.bias = 0.1), /metricDirections must say which way metric "bias"/],
    ['a golden horizon above the maximum', (m) => (m.golden[0].request.horizon = 9), /golden\[0\].request.horizon exceeds maxHorizon/],
    ['golden expectations of the wrong length', (m) => (m.golden[0].expected = [[1]]), /golden\[0\].expected must hold horizon values/],
    [
      'interval ratios short of the horizon',
      (m) => (m.intervals = { coverage: 0.8, lowerRatio: [0.9], upperRatio: [1.1] }),
      /intervals must give a ratio for every step/,
    ],
  ])('rejects %s', (_name, mutate, problem) => {
    expect(problemsOf(mutate).join('\n')).toMatch(problem);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf((m) => {
      m.features.minHistory = 1;
      m.maxHorizon = 5;
    });
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
