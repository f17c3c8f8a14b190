import { fitEts, forecastEts } from '../methods/ets';
import { fitTsb, forecastTsb } from '../methods/intermittent';
import { naive, seasonalNaive, seasonalNaiveDrift } from '../methods/simple';
import { fitTheta, forecastTheta } from '../methods/theta';
import { MemberName, SeriesModels } from './ensemble-spec';
import { HistoryTraits } from './segments';

const PERIOD = 12;
/**
 * ETS reads the last ten years at most: its cost grows with the history, and a decade gives the likelihood
 * enough seasons while letting a regime of thirty years ago go (longer histories still feed Theta and the trees).
 */
export const ETS_WINDOW = 120;

function etsHistory(values: ArrayLike<number>): ArrayLike<number> {
  return values.length > ETS_WINDOW ? Array.prototype.slice.call(values, values.length - ETS_WINDOW) : values;
}

export interface StatisticalMembers {
  forecasts: Partial<Record<MemberName, Float64Array>>;
  /** The per-series models used: the shipped ones where they apply, else fitted on this history. */
  models: SeriesModels;
  /** True when some model was fitted on this history rather than taken from training. */
  refitted: boolean;
}

/**
 * Whether a history supports a per-series member: the intermittent-demand method only with zeros, seasonal naive
 * with and without drift from a year (the drift one equals seasonal naive until a month has a year-earlier twin,
 * and the backtest weighs a member only for segments where every record has it: 12 months opens the 12-23
 * segment), the rest always. The one rule for what is computed here and what serving may weight.
 */
export function historySupports(member: MemberName, length: number, traits: HistoryTraits): boolean {
  if (member === 'intermittent') return traits.zeroShare > 0;
  if (member === 'seasonal_naive' || member === 'seasonal_drift') return length >= PERIOD;
  return true;
}

function finite(forecast: Float64Array): boolean {
  for (let i = 0; i < forecast.length; i++) if (!Number.isFinite(forecast[i])) return false;
  return true;
}

/**
 * The per-series members for one history, those it supports (historySupports); only those in `needed` when it is
 * given (serving computes what the series' weights use, training and evaluation everything). Shipped parameters
 * are re-applied to the history; a model that does not fit it (absent, or unusable on this length) is fitted here.
 */
export function statisticalMembers(
  values: ArrayLike<number>,
  horizon: number,
  traits: HistoryTraits,
  shipped: SeriesModels | undefined,
  needed?: ReadonlySet<MemberName>,
): StatisticalMembers {
  const wanted = (name: MemberName) => historySupports(name, values.length, traits) && (needed === undefined || needed.has(name));
  const forecasts: Partial<Record<MemberName, Float64Array>> = {};
  const models: SeriesModels = {};
  let refitted = false;

  const run = <P>(shippedParams: P | undefined, fit: () => P, forecast: (p: P) => Float64Array): { params: P; forecast: Float64Array } => {
    if (shippedParams !== undefined) {
      try {
        const f = forecast(shippedParams);
        if (finite(f)) return { params: shippedParams, forecast: f };
      } catch {
        // Parameters fitted on a longer history may not apply to this one (e.g. seasonal on under two years).
      }
    }
    refitted = true;
    const params = fit();
    return { params, forecast: forecast(params) };
  };

  if (wanted('ets')) {
    const recent = etsHistory(values);
    const ets = run(shipped?.ets, () => fitEts(recent, { period: PERIOD }), (p) => forecastEts(recent, p, horizon));
    forecasts.ets = ets.forecast;
    models.ets = ets.params;
  }
  if (wanted('theta')) {
    const theta = run(shipped?.theta, () => fitTheta(values, { period: PERIOD }), (p) => forecastTheta(values, p, horizon));
    forecasts.theta = theta.forecast;
    models.theta = theta.params;
  }
  if (wanted('intermittent')) {
    const intermittent = run(shipped?.intermittent, () => fitTsb(values), (p) => forecastTsb(values, p, horizon));
    forecasts.intermittent = intermittent.forecast;
    models.intermittent = intermittent.params;
  }
  if (wanted('seasonal_naive')) forecasts.seasonal_naive = seasonalNaive(values, horizon, PERIOD);
  if (wanted('seasonal_drift')) forecasts.seasonal_drift = seasonalNaiveDrift(values, horizon, PERIOD);
  if (wanted('naive')) forecasts.naive = naive(values, horizon);
  for (const name of Object.keys(forecasts) as MemberName[]) {
    const f = forecasts[name]!;
    for (let i = 0; i < f.length; i++) f[i] = Number.isFinite(f[i]) ? Math.max(0, f[i]) : 0;
  }
  return { forecasts, models, refitted };
}

/** Fits every per-series model on a full history, for the manifest. */
export function fitSeriesModels(values: ArrayLike<number>, traits: HistoryTraits): SeriesModels {
  const models: SeriesModels = { ets: fitEts(etsHistory(values), { period: PERIOD }), theta: fitTheta(values, { period: PERIOD }) };
  if (historySupports('intermittent', values.length, traits)) models.intermittent = fitTsb(values);
  return models;
}
