import { buildForecastMatrix, SeriesHistory } from '../../features/feature-builder';
import { FeatureSpec } from '../../features/feature-spec';
import { combineForecast } from '../../core/ensemble/combination';
import { CalibrationRecord } from '../../core/ensemble/calibrate-intervals';
import { CombinationEntry, seriesKey } from '../../core/ensemble/ensemble-spec';
import { intervalScale, intervalSpace } from '../../core/ensemble/intervals';
import { BacktestRecord } from '../../core/ensemble/learn-combinations';
import { historyTraits } from '../../core/ensemble/segments';
import { statisticalMembers } from '../../core/ensemble/statistical-members';
import { GlobalMembers, globalMembers } from '../../core/ensemble/global-members';
import { predictTreeEnsemble, TreeEnsemble } from '../gbdt/tree-ensemble';
import { fitModelAt } from '../model-fitting';
import { TrainingParams } from '../training-params';
import { TrainingProgress } from '../training-progress';
import { actualsAfter, cutPanel, panelEnd, spreadSample } from './panel-cut';

/** A backtest record with what interval calibration and reporting also need. */
export interface EnsembleBacktestRecord extends BacktestRecord {
  country: string;
  sku: string;
  /** Months removed from the series' end before forecasting. */
  offset: number;
  history: ArrayLike<number>;
  /** True for a shortened copy of a longer series (how short histories are learnt). */
  shortView: boolean;
}

/** The trees' and the smoothing's forecasts for the series long enough for the trees, by panel index. */
export function treeForecasts(panel: SeriesHistory[], fitted: { spec: FeatureSpec; ensemble: TreeEnsemble }, horizon: number): Map<number, GlobalMembers> {
  const eligible = panel.map((s, i) => ({ s, i })).filter(({ s }) => s.values.length >= fitted.spec.minHistory);
  const out = new Map<number, GlobalMembers>();
  if (eligible.length === 0) return out;
  const matrix = buildForecastMatrix(eligible.map(({ s }) => s), horizon, fitted.spec);
  const predictions = predictTreeEnsemble(fitted.ensemble, matrix.data, matrix.rowCount, matrix.columnCount);
  globalMembers(matrix, predictions, fitted.spec, horizon).forEach((members, k) => out.set(eligible[k].i, members));
  return out;
}

/**
 * Out-of-sample member forecasts: for each offset, every series cut that many months before its own end, the
 * trees trained on the cut panel only, the per-series models fitted on the cut history only; plus shortened
 * copies (the last few months) of a sample of series, so short and new series are learnt from real demand.
 */
export function ensembleBacktest(panel: SeriesHistory[], params: TrainingParams, progress: TrainingProgress): EnsembleBacktestRecord[] {
  const horizon = params.features.maxHorizon;
  const records: EnsembleBacktestRecord[] = [];
  const byKey = new Map(panel.map((s) => [`${s.country}\u0000${s.sku}`, s]));
  for (const offset of params.ensemble.backtestOffsets) {
    const cut = cutPanel(panel, offset);
    let trees = new Map<number, GlobalMembers>();
    let fitted: ReturnType<typeof fitModelAt> | undefined;
    try {
      fitted = fitModelAt(cut, panelEnd(cut), params, progress);
      trees = treeForecasts(cut, fitted, horizon);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      progress.log(`backtest offset ${offset}: no series long enough for the trees (${error.message})`);
    }
    const backtested = spreadSample(cut.length, params.ensemble.maxBacktestSeries);
    progress.log(`backtest offset ${offset}: per-series models for ${backtested.length} of ${cut.length} series`);
    for (const i of backtested) {
      const s = cut[i];
      const full = byKey.get(`${s.country}\u0000${s.sku}`)!;
      const traits = historyTraits(s.values);
      const { forecasts } = statisticalMembers(s.values, horizon, traits, undefined);
      const t = trees.get(i);
      records.push({
        series: seriesKey(s.country, s.sku),
        country: s.country,
        sku: s.sku,
        offset,
        history: s.values,
        shortView: false,
        traits,
        members: t ? { ...forecasts, ...t } : forecasts,
        actual: actualsAfter(full, s.values.length, horizon),
      });
    }
    if (offset !== params.ensemble.backtestOffsets[0]) continue;
    const views: { series: SeriesHistory; full: SeriesHistory }[] = [];
    for (const i of spreadSample(cut.length, params.ensemble.shortViewSeries)) {
      const s = cut[i];
      for (const months of params.ensemble.shortViewMonths) {
        if (months >= s.values.length) continue;
        const values = Array.from(s.values).slice(-months);
        views.push({ series: { ...s, start: s.start + s.values.length - months, values }, full: byKey.get(`${s.country}\u0000${s.sku}`)! });
      }
    }
    // Views long enough for the trees get them too (the trees saw these months only as the longer series).
    const viewTrees = fitted ? treeForecasts(views.map((v) => v.series), fitted, horizon) : new Map<number, GlobalMembers>();
    views.forEach(({ series: v, full }, k) => {
      const traits = historyTraits(v.values);
      const { forecasts } = statisticalMembers(v.values, horizon, traits, undefined);
      const t = viewTrees.get(k);
      const members = t ? { ...forecasts, ...t } : forecasts;
      // The view ends where its series' cut does, so the months after it are the same actuals.
      records.push({ series: seriesKey(v.country, v.sku), country: v.country, sku: v.sku, offset, history: v.values, shortView: true, traits, members, actual: actualsAfter(full, full.values.length - offset, horizon) });
    });
  }
  return records;
}

/** The combination's backtest forecast of a record under learnt weights. */
export function combinedForecast(record: BacktestRecord, entries: ReadonlyMap<string, CombinationEntry>): Float64Array {
  return combineForecast(record.members, record.traits, record.actual.length, entries).values;
}

export function calibrationRecords(records: EnsembleBacktestRecord[], entries: ReadonlyMap<string, CombinationEntry>): CalibrationRecord[] {
  return records.map((r) => {
    const space = intervalSpace(r.history);
    return { traits: r.traits, space, scale: intervalScale(r.history, space), forecast: combinedForecast(r, entries), actual: r.actual };
  });
}
