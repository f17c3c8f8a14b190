import { createHash } from 'node:crypto';
import { FeatureSpec } from '../features/feature-spec';
import { formatMonth } from '../features/month';
import { EnsembleSpec } from '../core/ensemble/ensemble-spec';
import { DriftReference, GoldenExample, ModelManifest, MODEL_FILE } from '../registry/model-manifest';
import { SalesFile } from './data/load-sales-csv';
import { FlatMetrics } from './manifest/flat-metrics';
import { EvaluationReport } from './report/training-report';

export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'prediction';

export interface ManifestParts {
  name: string;
  createdAt: Date;
  codeVersion: string;
  onnx: Buffer;
  features: FeatureSpec;
  ensemble: EnsembleSpec;
  flat: FlatMetrics;
  evaluation: EvaluationReport;
  data: SalesFile;
  dataSource: string;
  training: Record<string, unknown>;
  drift: DriftReference;
  golden: GoldenExample[];
}

/** The manifest for whichever version the registry hands out. */
export function manifestFor(parts: ManifestParts): (version: number) => ModelManifest {
  return (version) => ({
    schemaVersion: 1,
    name: parts.name,
    version,
    createdAt: parts.createdAt.toISOString(),
    codeVersion: parts.codeVersion,
    artifact: { file: MODEL_FILE, sha256: createHash('sha256').update(parts.onnx).digest('hex'), sizeBytes: parts.onnx.length },
    io: {
      input: { name: INPUT_NAME, type: 'float32', shape: [null, parts.features.names.length] },
      output: { name: OUTPUT_NAME, type: 'float32', shape: [null, 1] },
    },
    features: parts.features,
    maxHorizon: parts.features.maxHorizon,
    ensemble: parts.ensemble,
    metrics: parts.flat.metrics,
    metricDirections: parts.flat.metricDirections,
    evaluation: parts.evaluation as unknown as Record<string, unknown>,
    data: {
      sha256: parts.data.sha256,
      rows: parts.data.rows,
      series: parts.data.series.length,
      start: formatMonth(parts.data.start),
      end: formatMonth(parts.data.end),
      source: parts.dataSource,
    },
    training: parts.training,
    drift: parts.drift,
    golden: parts.golden,
  });
}
