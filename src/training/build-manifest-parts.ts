import { GoldenExample, ModelManifest } from '../registry/model-manifest';
import { manifestFor, INPUT_NAME, OUTPUT_NAME } from './build-manifest';
import { SalesFile } from './data/load-sales-csv';
import { buildDriftReference } from './drift/drift-reference';
import { TrainedEnsembleModel } from './ensemble/train-ensemble';
import { predictTreeEnsemble } from './gbdt/tree-ensemble';
import { goldenExamples } from './golden/golden-examples';
import { codeVersion } from './manifest/code-version';
import { flatMetrics } from './manifest/flat-metrics';
import { exportTreeEnsembleOnnx } from './onnx/export-tree-ensemble';
import { verifyOnnxCandidate } from './registration/verify-onnx-candidate';
import { EvaluationReport } from './report/training-report';
import { TrainingRunOptions } from './training-run-options';

export interface CandidateInputs {
  options: TrainingRunOptions;
  data: SalesFile;
  /** The registered model: trees trained on every month, the combination learnt on its backtest. */
  final: TrainedEnsembleModel & { trees: NonNullable<TrainedEnsembleModel['trees']> };
  evaluation: EvaluationReport;
  started: number;
}

export interface Candidate {
  onnx: Buffer;
  golden: GoldenExample[];
  manifestFor: (version: number) => ModelManifest;
  /** Keys (country NUL sku) of the real series the golden examples use, for the report's example charts. */
  exampleSeries: string[];
}

/** Everything registered beside the trees: ONNX bytes verified in onnxruntime, golden examples, drift reference. */
export async function buildManifestParts(inputs: CandidateInputs): Promise<Candidate> {
  const { options, data, final } = inputs;
  const { spec, matrix, ensemble: trees } = final.trees;
  const onnx = exportTreeEnsembleOnnx(trees, { featureCount: spec.names.length, inputName: INPUT_NAME, outputName: OUTPUT_NAME });
  const { golden, exampleSeries } = goldenExamples(data.series, final);
  const { params } = options;
  const candidate = {
    onnx,
    golden,
    exampleSeries,
    manifestFor: manifestFor({
      name: options.model,
      createdAt: (options.now ?? (() => new Date()))(),
      codeVersion: codeVersion(),
      onnx,
      features: spec,
      ensemble: final.ensemble,
      flat: flatMetrics(inputs.evaluation.holdout.methods, inputs.evaluation.backtest.methods),
      evaluation: inputs.evaluation,
      data,
      dataSource: options.dataPath,
      training: {
        seed: params.seed,
        params,
        rows: matrix.rowCount,
        trees: trees.trees.length,
        durationSeconds: Math.round((Date.now() - inputs.started) / 100) / 10,
        dropped: data.dropped.length,
      },
      drift: buildDriftReference(data.series, spec, (rows, count, columns) => predictTreeEnsemble(trees, rows, count, columns)),
      golden,
    }),
  };
  // The version number only labels error messages here; the registry assigns the real one.
  await verifyOnnxCandidate(onnx, candidate.manifestFor(1));
  return candidate;
}
