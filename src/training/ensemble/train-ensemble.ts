import { SeriesHistory } from '../../features/feature-builder';
import { calibrateIntervals } from '../../core/ensemble/calibrate-intervals';
import { EnsembleForecast, ensembleForecast, loadEnsemble } from '../../core/ensemble/ensemble-forecast';
import { EnsembleSpec, seriesKey, SeriesModels } from '../../core/ensemble/ensemble-spec';
import { GlobalMembers } from '../../core/ensemble/global-members';
import { learnCombinations } from '../../core/ensemble/learn-combinations';
import { historyTraits } from '../../core/ensemble/segments';
import { fitSeriesModels } from '../../core/ensemble/statistical-members';
import { TreeEnsemble } from '../gbdt/tree-ensemble';
import { FittedModel, fitModelAt } from '../model-fitting';
import { TrainingParams } from '../training-params';
import { TrainingProgress } from '../training-progress';
import { calibrationRecords, ensembleBacktest, EnsembleBacktestRecord, treeForecasts } from './ensemble-backtest';
import { panelEnd } from './panel-cut';

export interface TrainedEnsembleModel {
  /** The global trees trained on the whole panel, or none when no series is long enough for them. */
  trees?: FittedModel;
  ensemble: EnsembleSpec;
  backtest: EnsembleBacktestRecord[];
}

/** An ensemble of zero trees: what model.onnx holds when the panel had no series long enough to train trees. */
export const NO_TREES: TreeEnsemble = { baseValue: 0, trees: [] };

/**
 * Learns the whole model from a panel: backtest → combination weights per segment → interval calibration on
 * the combination's backtest errors → the trees on every month → each series' own models on its full history.
 */
export function trainEnsembleModel(panel: SeriesHistory[], params: TrainingParams, progress: TrainingProgress): TrainedEnsembleModel {
  const horizon = params.features.maxHorizon;
  const backtest = ensembleBacktest(panel, params, progress);
  const combinations = learnCombinations(backtest);
  const byKey = new Map(combinations.map((e) => [e.key, e]));
  const intervals = calibrateIntervals(calibrationRecords(backtest, byKey), horizon, params.ensemble.coverage);

  let trees: FittedModel | undefined;
  try {
    trees = fitModelAt(panel, panelEnd(panel), params, progress);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    progress.log(`no global trees: ${error.message}`);
  }
  progress.log(`per-series models for ${panel.length} series`);
  const series: Record<string, SeriesModels> = {};
  for (const s of panel) series[seriesKey(s.country, s.sku)] = fitSeriesModels(s.values, historyTraits(s.values));
  const ensemble: EnsembleSpec = {
    specVersion: 1,
    coverage: params.ensemble.coverage,
    minTreeHistory: trees ? trees.spec.minHistory : null,
    combinations,
    intervals,
    series,
  };
  return { trees, ensemble, backtest };
}

/** Forecasts from each series' end with a trained model, computing the trees in TypeScript as training does. */
export function forecastPanel(model: TrainedEnsembleModel, panel: SeriesHistory[], horizon: number): EnsembleForecast[] {
  const trees = model.trees ? treeForecasts(panel, model.trees, horizon) : new Map<number, GlobalMembers>();
  const loaded = loadEnsemble(model.ensemble);
  return panel.map((s, i) =>
    ensembleForecast({ values: s.values, horizon, global: trees.get(i), shipped: model.ensemble.series[seriesKey(s.country, s.sku)], allMembers: true }, loaded),
  );
}
