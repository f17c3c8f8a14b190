import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SeriesHistory } from '../features/feature-builder';
import { formatMonth } from '../features/month';
import { loadEnsemble } from '../core/ensemble/ensemble-forecast';
import { createModelStore } from '../registry/create-model-store';
import { RetryingModelStore, STORE_RETRY } from '../registry/retrying-model-store';
import { ModelManifest } from '../registry/model-manifest';
import { ModelRegistry } from '../registry/model-registry';
import { buildManifestParts } from './build-manifest-parts';
import { loadSalesCsv } from './data/load-sales-csv';
import { combinedForecast } from './ensemble/ensemble-backtest';
import { backtestCoverage, backtestPoints, scoreForecasts } from './ensemble/ensemble-evaluation';
import { cutPanel } from './ensemble/panel-cut';
import { recordInterval } from './ensemble/record-interval';
import { forecastPanel, trainEnsembleModel } from './ensemble/train-ensemble';
import { evaluationTable } from './evaluation/evaluation-table';
import { FEW_POINTS, FEW_SERIES } from './evaluation/evidence-thresholds';
import { promoteIfBetter, PromotionDecision } from './registration/promote-alias';
import { describeLiveAccuracy, readLiveAccuracy } from './registration/live-accuracy';
import { EvaluationReport, renderTrainingReport } from './report/training-report';
import { TrainingProgress } from './training-progress';
import { TrainingRunOptions } from './training-run-options';

export interface TrainingRunResult {
  manifest: ModelManifest;
  evaluation: EvaluationReport;
  promotion?: PromotionDecision;
  durationMs: number;
}

const keyOf = (s: SeriesHistory) => `${s.country}\u0000${s.sku}`;

export function evaluationWarnings(series: number, points: number): string[] {
  const warnings: string[] = [];
  if (series < FEW_SERIES) warnings.push(`the holdout rests on only ${series} series (fewer than ${FEW_SERIES}): its figures are indicative at best`);
  if (points < FEW_POINTS) warnings.push(`the holdout rests on only ${points} points (fewer than ${FEW_POINTS})`);
  return warnings;
}

/**
 * data → holdout (every series cut 18 months before its own end, a whole model trained on the cut panel and
 * scored on those months) → the registered model trained on everything → ONNX (verified) → manifest → registry
 * (→ alias) → report.
 */
export async function runTraining(options: TrainingRunOptions, progress: TrainingProgress): Promise<TrainingRunResult> {
  const started = Date.now();
  const { params } = options;
  const horizon = params.features.maxHorizon;
  const data = await loadSalesCsv(options.dataPath, { columns: options.columns, dropInvalid: options.dropInvalid });
  for (const problem of data.dropped) progress.log(`dropped: line ${problem.line}: ${problem.message}`);
  progress.log(`${options.dataPath}: ${data.rows} rows, ${data.series.length} series, ${formatMonth(data.start)}..${formatMonth(data.end)}`);
  const full = new Map<string, SeriesHistory>(data.series.map((s) => [keyOf(s), s]));

  progress.log(`holdout: every series cut ${horizon} months before its own end`);
  const holdoutPanel = cutPanel(data.series, horizon);
  if (holdoutPanel.length === 0) throw new RangeError(`no series has more than ${horizon} months: nothing to hold out`);
  const holdoutModel = trainEnsembleModel(holdoutPanel, params, progress);
  const holdout = scoreForecasts(holdoutPanel, full, forecastPanel(holdoutModel, holdoutPanel, horizon), horizon);

  progress.log('registered model: trained on every month');
  const final = trainEnsembleModel(data.series, params, progress);
  const trees = final.trees;
  if (!trees) throw new RangeError('no series is long enough for the global trees');
  const loaded = loadEnsemble(final.ensemble);
  const backtest = backtestPoints(final.backtest, (r) => combinedForecast(r, loaded.combinations));
  const coverage = backtestCoverage(final.backtest, (r) => recordInterval(r, loaded), horizon);

  const holdoutTable = evaluationTable(holdout.points, holdout.methods);
  const backtestTable = evaluationTable(backtest.points, backtest.methods);
  const [model, hw, naive] = [holdoutTable.model.overall, holdoutTable.holt_winters.overall, holdoutTable.seasonal_naive.overall];
  const holdoutSeries = new Set(holdout.points.map((p) => `${p.country}\u0000${p.sku}`)).size;
  const warnings = evaluationWarnings(holdoutSeries, holdout.points.length);
  for (const warning of warnings) progress.log(`WARNING: ${warning}`);
  const evaluation: EvaluationReport = {
    holdout: {
      origins: [`each series' own last month − ${horizon}`],
      months: { first: `${horizon} months`, last: 'each series’ end' },
      series: holdoutSeries,
      points: holdout.points.length,
      methods: holdoutTable,
      coverage: holdout.coverage,
      methodsServed: holdout.methodsServed,
    },
    backtest: {
      origins: params.ensemble.backtestOffsets.map((o) => `own end − ${o}`),
      series: new Set(backtest.points.map((p) => `${p.country}\u0000${p.sku}`)).size,
      points: backtest.points.length,
      methods: backtestTable,
      coverage,
    },
    holtWinters: holdout.holtWintersSeasonality,
    combination: final.ensemble.combinations,
    warnings,
    beatsBaselines: model.wape < hw.wape && model.wape < naive.wape && Math.abs(model.bias) <= Math.abs(hw.bias),
  };

  progress.log('exporting and verifying the ONNX model');
  const parts = await buildManifestParts({ options, data, final: { ...final, trees }, evaluation, started });
  // The SDK makes one try per call; the one retry helper rides out a dropped connection, and says so.
  const store = createModelStore(options.registryUrl, { azureStorageConnectionString: options.azureStorageConnectionString });
  const registry = new ModelRegistry(
    new RetryingModelStore(store, { ...STORE_RETRY, onRetry: (operation, error) => progress.log(`registry ${operation} failed, retrying: ${String(error)}`) }),
  );
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
    const examples = parts.exampleSeries.map((key) => {
      const series = full.get(key)!;
      const cut = holdoutPanel.find((s) => keyOf(s) === key)!;
      return { series, origin: cut.start + cut.values.length - 1, points: holdout.points.filter((p) => `${p.country}\u0000${p.sku}` === key) };
    });
    const report = renderTrainingReport({
      title: `Training report: ${options.model} version ${manifest.version}`,
      facts: [
        ['data', `${options.dataPath} (sha256 ${data.sha256.slice(0, 12)}…, ${data.rows} rows, ${data.series.length} series, ${formatMonth(data.start)} to ${formatMonth(data.end)})`],
        ['code version', manifest.codeVersion],
        ['model sha256', manifest.artifact.sha256],
        ['trees', `${params.gbdt.trees} of depth ≤ ${params.gbdt.maxDepth}, learning rate ${params.gbdt.learningRate}, seed ${params.seed}`],
        ['training time', `${((Date.now() - started) / 1000).toFixed(1)} s (both models, baselines and evaluation)`],
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
