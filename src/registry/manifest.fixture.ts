import { createHash } from 'node:crypto';
import { featureNames, minimumHistory } from '../features/feature-names';
import { FeatureSpec } from '../features/feature-spec';
import { ModelManifest } from './model-manifest';

// Builders for unit specs of the registry; small enough to read, valid by construction.

export function sampleFeatureSpec(): FeatureSpec {
  const shape = {
    specVersion: 1 as const,
    strategy: 'direct-horizon' as const,
    lags: [1, 2, 3],
    seasonalLagYears: [1],
    rollingMeanWindows: [3],
    rollingStdWindows: [3],
    scaleWindow: 12,
    abc: { aMinScale: 100, bMinScale: 10 },
    xyz: { window: 12, xMaxCv: 0.5, yMaxCv: 1 },
    categoricals: [{ name: 'country', source: { kind: 'country' as const }, categories: ['AU', 'NZ'] }],
    maxHorizon: 3,
  };
  return { ...shape, minHistory: minimumHistory(shape), names: featureNames(shape) };
}

export function sampleManifest(version: number, onnx: Buffer = Buffer.from('onnx'), overrides: Partial<ModelManifest> = {}): ModelManifest {
  const features = sampleFeatureSpec();
  return {
    schemaVersion: 1,
    name: 'demand-forecast',
    version,
    createdAt: '2025-01-31T12:00:00Z',
    codeVersion: 'test',
    artifact: { file: 'model.onnx', sha256: createHash('sha256').update(onnx).digest('hex'), sizeBytes: onnx.length },
    io: {
      input: { name: 'features', type: 'float32', shape: [null, features.names.length] },
      output: { name: 'prediction', type: 'float32', shape: [null, 1] },
    },
    features,
    maxHorizon: features.maxHorizon,
    metrics: { wape: 0.3, accuracy: 0.7 },
    metricDirections: { wape: 'lower', accuracy: 'higher' },
    golden: [
      {
        name: 'one series',
        request: {
          horizon: 2,
          series: [{ country: 'AU', sku: 'A1', history: { start: '2022-01', values: Array.from({ length: 24 }, (_, i) => 10 + i) } }],
        },
        expected: [[34, 35]],
        tolerance: { absolute: 0.01, relative: 0.001 },
      },
    ],
    ...overrides,
  };
}
