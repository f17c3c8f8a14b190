import { requireHistory } from './history-guard';

// Intermittent-demand methods: Croston with the Syntetos–Boylan bias correction, and Teunter–Syntetos–Babai (TSB).
// Both forecast a flat rate per period; the smoothing parameters are fitted by in-sample one-step MSE over a
// fixed grid (deterministic, and the MSE surface of these recursions is too flat for a local optimiser to help).

export interface CrostonParams {
  kind: 'croston-sba';
  label: 'croston-sba';
  /** Smoothing of demand sizes and of intervals between demands. */
  alpha: number;
  /** One-step in-sample residual standard deviation, in units. */
  sigma: number;
}

export interface TsbParams {
  kind: 'tsb';
  label: 'tsb';
  /** Smoothing of demand sizes (updated in periods with demand). */
  alpha: number;
  /** Smoothing of the demand probability (updated every period). */
  beta: number;
  sigma: number;
}

const GRID = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 0.9];

interface Run {
  /** Forecast rate after the last value (0 before any demand). */
  rate: number;
  sse: number;
  /** Number of one-step forecasts that entered `sse`. */
  count: number;
}

/**
 * Croston: at each demand, size z ← z + α(y − z) and interval p ← p + α(q − p), q the periods since the previous
 * demand; forecast (1 − α/2)·z/p. Starts from the first demand and its interval; errors count from then on.
 */
export function runCroston(y: ArrayLike<number>, alpha: number): Run {
  let size = 0;
  let interval = 0;
  let since = 0;
  let started = false;
  let sse = 0;
  let count = 0;
  const correction = 1 - alpha / 2;
  for (let t = 0; t < y.length; t++) {
    since++;
    const value = y[t];
    if (started) {
      const e = value - (correction * size) / interval;
      sse += e * e;
      count++;
    }
    if (value !== 0) {
      if (!started) {
        size = value;
        interval = since;
        started = true;
      } else {
        size += alpha * (value - size);
        interval += alpha * (since - interval);
      }
      since = 0;
    }
  }
  return { rate: started ? (correction * size) / interval : 0, sse, count };
}

/**
 * TSB: every period the demand probability d ← d + β(1[y > 0] − d); in periods with demand the size
 * z ← z + α(y − z); forecast d·z. Starts from the history's share of periods with demand and its first demand.
 */
export function runTsb(y: ArrayLike<number>, alpha: number, beta: number): Run {
  let nonZero = 0;
  let first = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t] !== 0) {
      if (nonZero === 0) first = y[t];
      nonZero++;
    }
  }
  let probability = nonZero / y.length;
  let size = first;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const e = y[t] - probability * size;
    sse += e * e;
    if (y[t] !== 0) {
      probability += beta * (1 - probability);
      size += alpha * (y[t] - size);
    } else {
      probability -= beta * probability;
    }
  }
  return { rate: probability * size, sse, count: y.length };
}

const sigmaOf = (run: Run) => (run.count > 1 ? Math.sqrt(run.sse / (run.count - 1)) : 0);

export function fitCroston(y: ArrayLike<number>): CrostonParams {
  requireHistory(y, 'fitCroston');
  let best = { alpha: 0.1, run: runCroston(y, 0.1) };
  for (const alpha of GRID) {
    const run = runCroston(y, alpha);
    if (run.sse < best.run.sse * (1 - 1e-12)) best = { alpha, run };
  }
  return { kind: 'croston-sba', label: 'croston-sba', alpha: best.alpha, sigma: sigmaOf(best.run) };
}

export function fitTsb(y: ArrayLike<number>): TsbParams {
  requireHistory(y, 'fitTsb');
  let best = { alpha: 0.1, beta: 0.1, run: runTsb(y, 0.1, 0.1) };
  for (const alpha of GRID) {
    for (const beta of GRID) {
      const run = runTsb(y, alpha, beta);
      if (run.sse < best.run.sse * (1 - 1e-12)) best = { alpha, beta, run };
    }
  }
  return { kind: 'tsb', label: 'tsb', alpha: best.alpha, beta: best.beta, sigma: sigmaOf(best.run) };
}

const flat = (rate: number, horizon: number) => new Float64Array(horizon).fill(Number.isFinite(rate) ? rate : 0);

/** Flat forecast of the demand rate; 0 for a history without demand. */
export function forecastCroston(y: ArrayLike<number>, params: Pick<CrostonParams, 'alpha'>, horizon: number): Float64Array {
  requireHistory(y, 'forecastCroston');
  return flat(runCroston(y, params.alpha).rate, horizon);
}

export function forecastTsb(y: ArrayLike<number>, params: Pick<TsbParams, 'alpha' | 'beta'>, horizon: number): Float64Array {
  requireHistory(y, 'forecastTsb');
  return flat(runTsb(y, params.alpha, params.beta).rate, horizon);
}
