import type { EtsParams } from '../methods/ets';
import type { TsbParams } from '../methods/intermittent';
import type { ThetaParams } from '../methods/theta';

/**
 * The forecasters a combination draws on: `trees` is the global ONNX model and `smoothing` the features' damped
 * smoothing (both from the trees' input rows); the others are fitted per series.
 */
export const MEMBERS = ['ets', 'theta', 'trees', 'smoothing', 'intermittent', 'seasonal_naive', 'seasonal_drift', 'naive'] as const;
export type MemberName = (typeof MEMBERS)[number];

/** Weights of one segment (see segments.ts for the key), non-negative and summing to 1, learnt on the backtest. */
export interface CombinationEntry {
  key: string;
  weights: Partial<Record<MemberName, number>>;
  /** Backtest points the weights were chosen on. */
  points: number;
}

/**
 * Empirical quantiles of the combination's scaled backtest errors per step (index 0 = one month ahead), for
 * the nominal coverage. `log`: errors are log(actual / forecast) over the series' log-scale (histories without
 * zeros, so the bound stays positive); `additive`: (actual - forecast) over the series' absolute scale.
 */
export interface IntervalEntry {
  key: string;
  space: 'log' | 'additive';
  lower: number[];
  upper: number[];
  points: number;
}

/** What was fitted to one training series at its full history, re-applied by serving to the request's history. */
export interface SeriesModels {
  ets?: EtsParams;
  theta?: ThetaParams;
  /** TSB: demand probability and size smoothed separately, so the forecast decays when demand stops. */
  intermittent?: TsbParams;
}

/**
 * The combination the manifest ships: per-segment weights over the members, calibrated interval quantiles, and
 * the parameters fitted to each training series (keyed by `seriesKey`) so that serving does not refit them.
 */
export interface EnsembleSpec {
  specVersion: 1;
  coverage: number;
  /** Months of history the global trees need (the feature spec's minHistory); null when none were trained. */
  minTreeHistory: number | null;
  combinations: CombinationEntry[];
  intervals: IntervalEntry[];
  series: Record<string, SeriesModels>;
}

export function seriesKey(country: string, sku: string): string {
  return `${country}/${sku}`;
}
