import { SeriesHistory, writeFeatureRows } from '../../features/feature-builder';
import { FeatureSpec } from '../../features/feature-spec';
import { MonthIndex } from '../../features/month';
import { profileAt } from '../../features/series-profile';
import { fitBestHoltWinters, forecastHoltWinters, Seasonality } from '../baselines/holt-winters';
import { seasonalNaiveForecast } from '../baselines/seasonal-naive';
import { predictTreeEnsemble, TreeEnsemble } from '../gbdt/tree-ensemble';
import { EvaluationPoint } from './evaluation-table';

export const METHODS = ['model', 'seasonal_naive', 'holt_winters'] as const;

/** Model forecasts in units (max(0, prediction × scale)) for each series from its own origin index. */
export function modelForecasts(
  ensemble: TreeEnsemble,
  spec: FeatureSpec,
  requests: { series: SeriesHistory; originIndex: number; horizon: number }[],
): { forecasts: number[][]; scales: number[] } {
  const columnCount = spec.names.length;
  const rowCount = requests.reduce((sum, r) => sum + r.horizon, 0);
  const data = new Float32Array(rowCount * columnCount);
  const scales: number[] = [];
  let row = 0;
  for (const r of requests) {
    const profile = profileAt(r.series.values, r.originIndex, spec);
    writeFeatureRows(data, row, r.series, r.originIndex, r.horizon, spec, profile);
    scales.push(profile.scale);
    row += r.horizon;
  }
  const predictions = predictTreeEnsemble(ensemble, data, rowCount, columnCount);
  row = 0;
  const forecasts = requests.map((r, i) => Array.from({ length: r.horizon }, () => Math.max(0, predictions[row++] * scales[i])));
  return { forecasts, scales };
}

export interface OriginEvaluation {
  points: EvaluationPoint[];
  /** How many series Holt-Winters fitted with each seasonality. */
  holtWintersSeasonality: Record<Seasonality, number>;
}

/**
 * Forecasts every series that has minHistory months at `origin` and actuals for all `horizon` months after it,
 * with each model variant (`model` first: its scale is recorded) and both baselines, so that all methods are
 * scored on exactly the same points.
 */
export function evaluateAtOrigin(
  series: SeriesHistory[],
  origin: MonthIndex,
  horizon: number,
  models: Record<string, TreeEnsemble> & { model: TreeEnsemble },
  spec: FeatureSpec,
): OriginEvaluation {
  const eligible = series.filter((s) => origin - s.start + 1 >= spec.minHistory && s.start + s.values.length - 1 >= origin + horizon);
  const requests = eligible.map((s) => ({ series: s, originIndex: origin - s.start, horizon }));
  const byModel = Object.entries(models).map(([name, ensemble]) => ({ name, ...modelForecasts(ensemble, spec, requests) }));
  const scales = byModel[0].scales;
  const holtWintersSeasonality: Record<Seasonality, number> = { additive: 0, multiplicative: 0 };
  const points: EvaluationPoint[] = [];
  requests.forEach(({ series: s, originIndex }, i) => {
    const history = Array.from(s.values).slice(0, originIndex + 1);
    const naive = seasonalNaiveForecast(history, originIndex, horizon);
    const fit = fitBestHoltWinters(history);
    holtWintersSeasonality[fit.seasonality]++;
    const hw = forecastHoltWinters(fit.state, 12, fit.seasonality, fit.params.phi, horizon);
    for (let h = 1; h <= horizon; h++) {
      const forecasts: Record<string, number> = { seasonal_naive: Math.max(0, naive[h - 1]), holt_winters: Math.max(0, hw[h - 1]) };
      for (const m of byModel) forecasts[m.name] = m.forecasts[i][h - 1];
      points.push({ country: s.country, sku: s.sku, origin, step: h, actual: s.values[originIndex + h], scale: scales[i], forecasts });
    }
  });
  return { points, holtWintersSeasonality };
}
