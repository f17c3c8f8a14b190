import { SeriesHistory } from '../features/feature-builder';
import { GoldenExample, ModelManifest } from '../registry/model-manifest';
import { manifestFor, INPUT_NAME, OUTPUT_NAME } from './build-manifest';
import { SalesFile } from './data/load-sales-csv';
import { buildDriftReference } from './drift/drift-reference';
import { EvaluationPoint } from './evaluation/evaluation-table';
import { intervalRatios } from './evaluation/prediction-intervals';
import { blendedForecast } from './evaluation/smoothing-blend';
import { predictTreeEnsemble, TreeEnsemble } from './gbdt/tree-ensemble';
import { goldenExamples } from './golden/golden-examples';
import { codeVersion } from './manifest/code-version';
import { flatMetrics } from './manifest/flat-metrics';
import { FittedModel } from './model-fitting';
import { exportTreeEnsembleOnnx } from './onnx/export-tree-ensemble';
import { verifyOnnxCandidate } from './registration/verify-onnx-candidate';
import { EvaluationReport } from './report/training-report';
import type { TrainingRunOptions } from './train-pipeline';

export interface CandidateInputs {
  options: TrainingRunOptions;
  data: SalesFile;
  final: FittedModel;
  /** The final trees with the bias shift applied: what model.onnx computes. */
  ensemble: TreeEnsemble;
  evaluation: EvaluationReport;
  holdoutShift: number;
  /** Weight of the smoothing in the holdout model's blend (0 = trees only). */
  holdoutWeight: number;
  backtestPoints: EvaluationPoint[];
  holdoutPoints: EvaluationPoint[];
  started: number;
}

export interface Candidate {
  onnx: Buffer;
  golden: GoldenExample[];
  manifestFor: (version: number) => ModelManifest;
}

/** Out-of-sample points with final forecasts: the backtest shifted and blended as the holdout model was, and the holdout. */
function calibratedPoints(inputs: CandidateInputs): { step: number; actual: number; forecast: number }[] {
  const backtest = inputs.backtestPoints.map((p) => ({
    step: p.step,
    actual: p.actual,
    forecast: inputs.holdoutWeight > 0 ? blendedForecast(p, inputs.holdoutShift, inputs.holdoutWeight) : Math.max(0, p.forecasts.model + inputs.holdoutShift * (p.scale ?? 0)),
  }));
  return [...backtest, ...inputs.holdoutPoints.map((p) => ({ step: p.step, actual: p.actual, forecast: p.forecasts.model }))];
}

/** Everything registered beside the trees: ONNX bytes verified in onnxruntime, golden examples, drift reference. */
export async function buildManifestParts(inputs: CandidateInputs): Promise<Candidate> {
  const { options, data, final, ensemble } = inputs;
  const { spec, matrix } = final;
  const onnx = exportTreeEnsembleOnnx(ensemble, { featureCount: spec.names.length, inputName: INPUT_NAME, outputName: OUTPUT_NAME });
  const golden = goldenExamples(data.series as SeriesHistory[], spec, ensemble);
  const { params } = options;
  const candidate = {
    onnx,
    golden,
    manifestFor: manifestFor({
      name: options.model,
      createdAt: (options.now ?? (() => new Date()))(),
      codeVersion: codeVersion(),
      onnx,
      features: spec,
      intervals: intervalRatios(calibratedPoints(inputs), spec.maxHorizon, 0.8),
      flat: flatMetrics(inputs.evaluation.holdout.methods, inputs.evaluation.backtest.methods),
      evaluation: inputs.evaluation,
      data,
      dataSource: options.dataPath,
      training: {
        seed: params.seed,
        params,
        rows: matrix.rowCount,
        trees: ensemble.trees.length,
        biasShift: inputs.evaluation.biasCalibration.registeredModelShift,
        smoothingBlendWeight: inputs.evaluation.smoothingBlend?.registeredModelWeight ?? 0,
        durationSeconds: Math.round((Date.now() - inputs.started) / 100) / 10,
        dropped: data.dropped.length,
      },
      drift: buildDriftReference(data.series as SeriesHistory[], spec, (rows, count, columns) => predictTreeEnsemble(ensemble, rows, count, columns)),
      golden,
    }),
  };
  // The version number only labels error messages here; the registry assigns the real one.
  await verifyOnnxCandidate(onnx, candidate.manifestFor(1));
  return candidate;
}
