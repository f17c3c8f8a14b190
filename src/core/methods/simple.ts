import { requireHistory } from './history-guard';

// Benchmark forecasts (Hyndman & Athanasopoulos, FPP 3rd ed. 5.2); every one answers any history of at least one value.

/** Every step repeats the last value. */
export function naive(y: ArrayLike<number>, horizon: number): Float64Array {
  requireHistory(y, 'naive');
  return new Float64Array(horizon).fill(y[y.length - 1]);
}

/** Each step repeats the value one season earlier; naive while the history is shorter than a season. */
export function seasonalNaive(y: ArrayLike<number>, horizon: number, period = 12): Float64Array {
  requireHistory(y, 'seasonalNaive');
  const n = y.length;
  if (n < period) return naive(y, horizon);
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) out[h] = y[n - period + (h % period)];
  return out;
}

/**
 * Seasonal naive plus the mean change between each month and the same month a year earlier, once per season
 * ahead: fable's SNAIVE(y ~ drift()). The same month last year carries the season, the drift the level the series
 * has moved by since (a launch ramp, a growing line); seasonal naive while no month has a year-earlier twin.
 */
export function seasonalNaiveDrift(y: ArrayLike<number>, horizon: number, period = 12): Float64Array {
  requireHistory(y, 'seasonalNaiveDrift');
  const n = y.length;
  if (n <= period) return seasonalNaive(y, horizon, period);
  let change = 0;
  for (let t = period; t < n; t++) change += y[t] - y[t - period];
  const drift = change / (n - period);
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) out[h] = y[n - period + (h % period)] + drift * (1 + Math.floor(h / period));
  return out;
}

/** Every step is the history's mean. */
export function meanForecast(y: ArrayLike<number>, horizon: number): Float64Array {
  requireHistory(y, 'meanForecast');
  let sum = 0;
  for (let t = 0; t < y.length; t++) sum += y[t];
  return new Float64Array(horizon).fill(sum / y.length);
}

/** The line through the first and last values, extended; non-negative histories get non-negative forecasts. */
export function drift(y: ArrayLike<number>, horizon: number): Float64Array {
  requireHistory(y, 'drift');
  const n = y.length;
  const slope = n > 1 ? (y[n - 1] - y[0]) / (n - 1) : 0;
  let nonNegative = true;
  for (let t = 0; t < n; t++) if (!(y[t] >= 0)) nonNegative = false;
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const value = y[n - 1] + (h + 1) * slope;
    out[h] = nonNegative ? Math.max(0, value) : value;
  }
  return out;
}
