import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatMonth, MonthIndex } from '../features/month';
import { createModelStore } from '../registry/create-model-store';
import { ModelManifest } from '../registry/model-manifest';
import { ModelRegistry } from '../registry/model-registry';
import { buildManifestParts } from './build-manifest-parts';
import { loadSalesCsv, SalesColumns } from './data/load-sales-csv';
import { biasShift, shiftEnsemble } from './evaluation/bias-calibration';
import { EvaluationPoint, evaluationTable } from './evaluation/evaluation-table';
import { evaluateAtOrigin, METHODS } from './evaluation/origin-forecasts';
import { blendEnsemble, blendWeight, smoothingModel } from './evaluation/smoothing-blend';
import { FeatureSpec } from '../features/feature-spec';
import { TreeEnsemble } from './gbdt/tree-ensemble';
import { fitModelAt } from './model-fitting';
import { promoteIfBetter, PromotionDecision } from './registration/promote-alias';
import { describeLiveAccuracy, readLiveAccuracy } from './registration/live-accuracy';
import { EvaluationReport, renderTrainingReport } from './report/training-report';
import { TrainingParams } from './training-params';
import { TrainingProgress } from './training-progress';

export interface TrainingRunOptions {
  dataPath: string;
  columns: SalesColumns;
  dropInvalid: boolean;
  registryUrl: string;
  azureStorageConnectionString?: string;
  model: string;
  params: TrainingParams;
  promote?: string;
  force: boolean;
  /** JSON written by registration/live-accuracy-cli: the alias holder's live accuracy for the promotion rule. */
  liveAccuracyPath?: string;
  /** Markdown report path; its charts go to a folder of the same name without the extension. */
  reportPath?: string;
  now?: () => Date;
}

export interface TrainingRunResult {
  manifest: ModelManifest;
  evaluation: EvaluationReport;
  promotion?: PromotionDecision;
  durationMs: number;
}

const UNCALIBRATED = 'model_uncalibrated';
const SMOOTHING = 'smoothing';

/** The trees as evaluated, plus the fixed-parameter smoothing when the spec has it (the blend needs both). */
function withSmoothing(spec: FeatureSpec, models: Record<string, TreeEnsemble> & { model: TreeEnsemble }): Record<string, TreeEnsemble> & { model: TreeEnsemble } {
  const smoothing = smoothingModel(spec);
  return smoothing ? { ...models, [SMOOTHING]: smoothing } : models;
}

function asModel(points: EvaluationPoint[], method: string): EvaluationPoint[] {
  return points.map((p) => ({ ...p, forecasts: { ...p.forecasts, model: p.forecasts[method] } }));
}

/** data → backtest → holdout → final model → ONNX (verified) → manifest → registry (→ alias) → report. */
export async function runTraining(options: TrainingRunOptions, progress: TrainingProgress): Promise<TrainingRunResult> {
  const started = Date.now();
  const { params } = options;
  const horizon = params.features.maxHorizon;
  const data = await loadSalesCsv(options.dataPath, { columns: options.columns, dropInvalid: options.dropInvalid });
  for (const problem of data.dropped) progress.log(`dropped: line ${problem.line}: ${problem.message}`);
  progress.log(`${options.dataPath}: ${data.rows} rows, ${data.series.length} series, ${formatMonth(data.start)}..${formatMonth(data.end)}`);

  const holdoutOrigin: MonthIndex = data.end - horizon;
  const backtestOrigins = Array.from({ length: params.backtestOrigins }, (_, i) => holdoutOrigin - horizon - params.backtestSpacing * (params.backtestOrigins - 1 - i));

  const backtestPoints: EvaluationPoint[] = [];
  for (const origin of backtestOrigins) {
    const fitted = fitModelAt(data.series, origin, params, progress);
    backtestPoints.push(...evaluateAtOrigin(data.series, origin, horizon, withSmoothing(fitted.spec, { model: fitted.ensemble }), fitted.spec).points);
  }
  const holdoutModel = fitModelAt(data.series, holdoutOrigin, params, progress);
  const holdoutShift = params.biasCalibration ? biasShift(backtestPoints) : 0;
  const blending = params.blend && smoothingModel(holdoutModel.spec) !== undefined;
  const holdoutWeight = blending ? blendWeight(backtestPoints, holdoutShift) : 0;
  const holdout = evaluateAtOrigin(
    data.series,
    holdoutOrigin,
    horizon,
    withSmoothing(holdoutModel.spec, {
      model: blendEnsemble(shiftEnsemble(holdoutModel.ensemble, holdoutShift), holdoutWeight, holdoutModel.spec),
      [UNCALIBRATED]: holdoutModel.ensemble,
    }),
    holdoutModel.spec,
  );
  if (holdout.points.length === 0) throw new RangeError(`no series has ${holdoutModel.spec.minHistory} months before the holdout and all ${horizon} after it`);

  const final = fitModelAt(data.series, data.end, params, progress);
  const outOfSample = [...backtestPoints, ...asModel(holdout.points, UNCALIBRATED)];
  const finalShift = params.biasCalibration ? biasShift(outOfSample) : 0;
  const finalWeight = blending ? blendWeight(outOfSample, finalShift) : 0;
  const ensemble = blendEnsemble(shiftEnsemble(final.ensemble, finalShift), finalWeight, final.spec);
  const smoothingMethods = smoothingModel(holdoutModel.spec) ? [SMOOTHING] : [];
  const holdoutTable = evaluationTable(holdout.points, [...METHODS, ...(params.biasCalibration || blending ? [UNCALIBRATED] : []), ...smoothingMethods]);
  const backtestTable = evaluationTable(backtestPoints, [...METHODS, ...smoothingMethods]);
  const [model, hw, naive] = [holdoutTable.model.overall, holdoutTable.holt_winters.overall, holdoutTable.seasonal_naive.overall];
  const evaluation: EvaluationReport = {
    holdout: {
      origins: [formatMonth(holdoutOrigin)],
      months: { first: formatMonth(holdoutOrigin + 1), last: formatMonth(data.end) },
      series: holdout.points.length / horizon,
      points: holdout.points.length,
      methods: holdoutTable,
    },
    backtest: {
      origins: backtestOrigins.map(formatMonth),
      series: new Set(backtestPoints.map((p) => `${p.country}\u0000${p.sku}`)).size,
      points: backtestPoints.length,
      methods: backtestTable,
    },
    holtWinters: holdout.holtWintersSeasonality,
    biasCalibration: { holdoutModelShift: holdoutShift, registeredModelShift: finalShift },
    ...(blending ? { smoothingBlend: { holdoutModelWeight: holdoutWeight, registeredModelWeight: finalWeight, smoothing: final.spec.smoothing! } } : {}),
    beatsBaselines: model.wape < hw.wape && model.wape < naive.wape && Math.abs(model.bias) <= Math.abs(hw.bias),
  };

  progress.log('exporting and verifying the ONNX model');
  const parts = await buildManifestParts({ options, data, final, ensemble, evaluation, holdoutShift, holdoutWeight, backtestPoints, holdoutPoints: holdout.points, started });
  const registry = new ModelRegistry(createModelStore(options.registryUrl, { azureStorageConnectionString: options.azureStorageConnectionString }));
  const manifest = await registry.register(options.model, parts.onnx, parts.manifestFor);
  progress.log(`registered ${options.model} version ${manifest.version} in ${registry.store.location} (sha256 ${manifest.artifact.sha256})`);

  let promotion: PromotionDecision | undefined;
  if (options.promote) {
    const live = options.liveAccuracyPath ? await readLiveAccuracy(options.liveAccuracyPath) : undefined;
    if (live) progress.log(describeLiveAccuracy(live, manifest.metrics));
    promotion = await promoteIfBetter(registry, manifest, options.promote, options.force, live);
    progress.log(
      promotion.promoted
        ? `${options.promote} -> version ${manifest.version}: ${promotion.reason}`
        : `${options.promote} stays at version ${promotion.previous}: ${promotion.reason} (use --force to promote anyway)`,
    );
  }

  if (options.reportPath) {
    const chartFolder = options.reportPath.replace(/\.md$/, '');
    const examples = parts.golden.slice(0, 3).map((g) => {
      const { country, sku } = g.request.series[0];
      const series = data.series.find((s) => s.country === country && s.sku === sku)!;
      return { series, origin: holdoutOrigin, points: holdout.points.filter((p) => p.country === country && p.sku === sku) };
    });
    const report = renderTrainingReport({
      title: `Training report: ${options.model} version ${manifest.version}`,
      facts: [
        ['data', `${options.dataPath} (sha256 ${data.sha256.slice(0, 12)}…, ${data.rows} rows, ${data.series.length} series, ${formatMonth(data.start)} to ${formatMonth(data.end)})`],
        ['code version', manifest.codeVersion],
        ['model sha256', manifest.artifact.sha256],
        ['trees', `${params.gbdt.trees} of depth ≤ ${params.gbdt.maxDepth}, learning rate ${params.gbdt.learningRate}, seed ${params.seed}`],
        ['training time', `${((Date.now() - started) / 1000).toFixed(1)} s (all models, baselines and evaluation)`],
      ],
      evaluation,
      examples: examples.filter((e) => e.points.length > 0),
      chartFolder: path.basename(chartFolder),
    });
    await fs.mkdir(chartFolder, { recursive: true });
    await fs.writeFile(options.reportPath, report.markdown);
    for (const [file, svg] of Object.entries(report.charts)) await fs.writeFile(path.join(chartFolder, file), svg);
    progress.log(`report written to ${options.reportPath}`);
  }
  return { manifest, evaluation, promotion, durationMs: Date.now() - started };
}
