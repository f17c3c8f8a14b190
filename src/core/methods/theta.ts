import { requireHistory } from './history-guard';
import { autocorrelations, lineFit, seasonalFigure } from './decompose';
import { fitSes, runSes } from './ses';

/** Fitted Theta method, JSON-serialisable. */
export interface ThetaParams {
  kind: 'theta';
  label: 'theta';
  period: number;
  /** Whether the fitted history passed the seasonality test (and was decomposed). */
  seasonal: boolean;
  /** SES smoothing parameter of the seasonally adjusted history. */
  alpha: number;
  /** One-step in-sample residual standard deviation of the SES on the adjusted history, in units. */
  sigma: number;
}

export interface ThetaOptions {
  period?: number;
}

/** 90% two-sided normal quantile, R thetaf's threshold. */
const Z_90 = 1.6448536269514722;

/**
 * R forecast's thetaf seasonality test: the lag-m autocorrelation against its standard error under an MA(m − 1)
 * null (Bartlett), on histories longer than two seasons that are not constant.
 */
export function isSeasonal(y: ArrayLike<number>, period: number): boolean {
  const n = y.length;
  if (period < 2 || n <= 2 * period) return false;
  let constant = true;
  for (let t = 1; t < n; t++) if (y[t] !== y[0]) constant = false;
  if (constant) return false;
  const r = autocorrelations(y, period);
  let sum = 0;
  for (let k = 0; k < period - 1; k++) sum += r[k] * r[k];
  const stat = Math.sqrt((1 + 2 * sum) / n);
  return Math.abs(r[period - 1]) / stat > Z_90;
}

interface Adjusted {
  values: Float64Array;
  figure?: Float64Array;
}

/** Multiplicative classical decomposition when seasonal; none when indices near 0 would blow up the adjustment. */
function adjust(y: ArrayLike<number>, period: number, seasonal: boolean): Adjusted {
  const values = Float64Array.from(y);
  if (!seasonal) return { values };
  const figure = seasonalFigure(y, period, 'multiplicative');
  if (!figure || figure.some((s) => !(Math.abs(s) >= 1e-4) || !Number.isFinite(s))) return { values };
  for (let t = 0; t < values.length; t++) values[t] /= figure[t % period];
  return { values, figure };
}

/** Fits thetaf: seasonality test, multiplicative decomposition when seasonal, SES (α, ℓ0 by least squares). */
export function fitTheta(y: ArrayLike<number>, options: ThetaOptions = {}): ThetaParams {
  requireHistory(y, 'fitTheta');
  const period = options.period ?? 12;
  const seasonal = isSeasonal(y, period);
  const { values } = adjust(y, period, seasonal);
  const ses = fitSes(values);
  return { kind: 'theta', label: 'theta', period, seasonal, alpha: ses.alpha, sigma: ses.sigma };
}

/**
 * The Theta forecast (Hyndman & Billah 2003, as thetaf): SES forecast of the adjusted history plus half its OLS
 * slope times (h − 1 + (1 − (1 − α)^n)/α), reseasonalised. ℓ0, slope and seasonal indices are re-derived from y
 * with the fitted α, so the fitted history reproduces its forecasts and any other history gets its own.
 */
export function forecastTheta(y: ArrayLike<number>, params: ThetaParams, horizon: number): Float64Array {
  const n = y.length;
  requireHistory(y, 'forecastTheta');
  const { values, figure } = adjust(y, params.period, params.seasonal && n > 2 * params.period);
  const alpha = Math.max(1e-10, params.alpha);
  const level = runSes(values, alpha).level;
  const drift = n > 1 ? lineFit(values).slope / 2 : 0;
  const weight = (1 - (1 - alpha) ** n) / alpha;
  let nonNegative = true;
  for (let t = 0; t < n; t++) if (!(y[t] >= 0)) nonNegative = false;
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    let value = level + drift * (h + weight);
    if (figure) value *= figure[(n + h) % params.period];
    if (!Number.isFinite(value)) value = Number.isFinite(y[n - 1]) ? y[n - 1] : 0;
    out[h] = nonNegative ? Math.max(0, value) : value;
  }
  return out;
}

/** The seasonal index forecastTheta multiplies each step by (1 when the history is treated as non-seasonal). */
export function thetaSeasonalIndices(y: ArrayLike<number>, params: ThetaParams, horizon: number): Float64Array {
  requireHistory(y, 'thetaSeasonalIndices');
  const { figure } = adjust(y, params.period, params.seasonal && y.length > 2 * params.period);
  const out = new Float64Array(horizon).fill(1);
  if (figure) for (let h = 0; h < horizon; h++) out[h] = figure[(y.length + h) % params.period];
  return out;
}
