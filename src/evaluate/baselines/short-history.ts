import { PanelForecast } from '../panel-forecaster';
import { seasonalNaive } from '../../core/methods/simple';

/** The last value repeated: what every baseline falls back to below one season of history. */
export function naiveForecast(values: ArrayLike<number>, horizon: number): PanelForecast {
  const last = values[values.length - 1];
  return { values: Array.from({ length: horizon }, () => Math.max(0, last)), method: 'naive' };
}

/** Seasonal naive from one season of history, else naive. */
export function seasonalNaiveOrNaive(values: ArrayLike<number>, horizon: number): PanelForecast {
  if (values.length < 12) return naiveForecast(values, horizon);
  return { values: Array.from(seasonalNaive(values, horizon), (v) => Math.max(0, v)), method: 'seasonal_naive' };
}

export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}
