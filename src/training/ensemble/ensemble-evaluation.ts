import { SeriesHistory } from '../../features/feature-builder';
import { EnsembleForecast } from '../../core/ensemble/ensemble-forecast';
import { seasonalNaive } from '../../core/methods/simple';
import { MemberName } from '../../core/ensemble/ensemble-spec';
import { fitBestHoltWinters, forecastHoltWinters, Seasonality } from '../baselines/holt-winters';
import { EvaluationPoint } from '../evaluation/evaluation-table';
import { EnsembleBacktestRecord } from './ensemble-backtest';

/** Members reported beside the model and the baselines when every point has them. */
const REPORTED_MEMBERS: MemberName[] = ['ets', 'theta', 'trees'];

export interface CoverageCount {
  inside: number;
  points: number;
}

export interface ScoredForecasts {
  points: EvaluationPoint[];
  methods: string[];
  coverage: { overall: CoverageCount; byStep: CoverageCount[] };
  methodsServed: Record<string, number>;
  holtWintersSeasonality: Record<Seasonality, number>;
}

function baselines(history: number[], horizon: number, seasonality: Record<Seasonality, number>): { seasonal_naive: number[]; holt_winters: number[] } {
  const naive = Array.from(seasonalNaive(history, horizon));
  if (history.length < 24) return { seasonal_naive: naive, holt_winters: naive };
  const fit = fitBestHoltWinters(history);
  seasonality[fit.seasonality]++;
  return { seasonal_naive: naive, holt_winters: forecastHoltWinters(fit.state, 12, fit.seasonality, fit.params.phi, horizon) };
}

/**
 * Scores forecasts made from each cut series' end against the months after it in the full series, with both
 * baselines (seasonal naive, fitted damped Holt-Winters; naive where the history is too short for them) and the
 * members on exactly the same points, and counts how often the actual fell inside the interval.
 */
function emptyCoverage(horizon: number): ScoredForecasts['coverage'] {
  return { overall: { inside: 0, points: 0 }, byStep: Array.from({ length: horizon }, () => ({ inside: 0, points: 0 })) };
}

function countCoverage(coverage: ScoredForecasts['coverage'], index: number, actual: number, lower: number, upper: number): void {
  const inside = actual >= lower && actual <= upper ? 1 : 0;
  coverage.overall.inside += inside;
  coverage.overall.points++;
  coverage.byStep[index].inside += inside;
  coverage.byStep[index].points++;
}

export function scoreForecasts(cut: SeriesHistory[], full: Map<string, SeriesHistory>, forecasts: EnsembleForecast[], horizon: number): ScoredForecasts {
  const points: EvaluationPoint[] = [];
  const coverage = emptyCoverage(horizon);
  const methodsServed: Record<string, number> = {};
  const holtWintersSeasonality: Record<Seasonality, number> = { additive: 0, multiplicative: 0 };
  const members = new Set<MemberName>(REPORTED_MEMBERS);
  cut.forEach((s, i) => {
    const f = forecasts[i];
    const whole = full.get(`${s.country}\u0000${s.sku}`)!;
    const history = Array.from(s.values);
    const base = baselines(history, horizon, holtWintersSeasonality);
    methodsServed[f.method] = (methodsServed[f.method] ?? 0) + 1;
    for (const m of REPORTED_MEMBERS) if (!f.members[m]) members.delete(m);
    for (let h = 1; h <= horizon && s.values.length + h - 1 < whole.values.length; h++) {
      const actual = whole.values[s.values.length + h - 1];
      const pointForecasts: Record<string, number> = {
        model: f.values[h - 1],
        seasonal_naive: Math.max(0, base.seasonal_naive[h - 1]),
        holt_winters: Math.max(0, base.holt_winters[h - 1]),
      };
      for (const m of REPORTED_MEMBERS) if (f.members[m]) pointForecasts[m] = f.members[m]![h - 1];
      points.push({ country: s.country, sku: s.sku, origin: s.start + s.values.length - 1, step: h, actual, forecasts: pointForecasts });
      if (f.lower && f.upper) countCoverage(coverage, h - 1, actual, f.lower[h - 1], f.upper[h - 1]);
    }
  });
  return { points, methods: ['model', 'seasonal_naive', 'holt_winters', ...members], coverage, methodsServed, holtWintersSeasonality };
}

/** Backtest records as evaluation points (model = the combination under the learnt weights), original series only. */
export function backtestPoints(records: EnsembleBacktestRecord[], combined: (r: EnsembleBacktestRecord) => Float64Array): { points: EvaluationPoint[]; methods: string[] } {
  const points: EvaluationPoint[] = [];
  const members = new Set<MemberName>(REPORTED_MEMBERS);
  for (const r of records) {
    if (r.shortView) continue;
    for (const m of REPORTED_MEMBERS) if (!r.members[m]) members.delete(m);
  }
  for (const r of records) {
    if (r.shortView) continue;
    const model = combined(r);
    for (let h = 1; h <= r.actual.length; h++) {
      if (!Number.isFinite(r.actual[h - 1])) continue;
      // Under a year of history there is no seasonal naive; the naive forecast stands in, as in the holdout.
      const naive = r.members.seasonal_naive ?? r.members.naive!;
      const forecasts: Record<string, number> = { model: model[h - 1], seasonal_naive: naive[h - 1] };
      for (const m of members) if (r.members[m]) forecasts[m] = r.members[m]![h - 1];
      points.push({ country: r.country, sku: r.sku, origin: -r.offset, step: h, actual: r.actual[h - 1], forecasts });
    }
  }
  return { points, methods: ['model', 'seasonal_naive', ...members] };
}

/** Coverage of the calibrated interval on the backtest records it was calibrated on (original series only). */
export function backtestCoverage(
  records: EnsembleBacktestRecord[],
  interval: (r: EnsembleBacktestRecord) => { lower: Float64Array; upper: Float64Array } | undefined,
  horizon: number,
): ScoredForecasts['coverage'] {
  const coverage = emptyCoverage(horizon);
  for (const r of records) {
    if (r.shortView) continue;
    const bounds = interval(r);
    if (!bounds) continue;
    for (let h = 0; h < Math.min(horizon, r.actual.length); h++) {
      if (Number.isFinite(r.actual[h])) countCoverage(coverage, h, r.actual[h], bounds.lower[h], bounds.upper[h]);
    }
  }
  return coverage;
}
