import { EtsParams } from './ets';
import { ThetaParams, thetaSeasonalIndices } from './theta';

/**
 * h-step forecast standard deviations from the one-step σ, for interval widths per series and per horizon.
 * Additive-error ETS: the exact class-1 variance σ²(1 + Σ_{j<h} c_j²) with c_j = α + β·φ_j + γ·[j ≡ 0 mod m]
 * (Hyndman et al. 2008, table 6.1; φ_j = φ + … + φ^j, or j undamped). Multiplicative error: the same factor on
 * the relative σ, times |ŷ(h)| — the usual first-order approximation, to be calibrated on a backtest like any
 * nominal width.
 */
export function etsForecastSd(params: EtsParams, point: ArrayLike<number>): Float64Array {
  const { form, smoothing, sigma } = params;
  const { alpha, beta, gamma } = smoothing;
  const damping = form.trend === 'Ad' ? smoothing.phi : 1;
  const out = new Float64Array(point.length);
  let sum = 0;
  let phiSum = 0;
  let power = 1;
  for (let h = 0; h < point.length; h++) {
    if (h > 0) {
      const j = h;
      power *= damping;
      phiSum += power;
      const c = alpha + (form.trend === 'N' ? 0 : beta * phiSum) + (form.season !== 'N' && j % form.period === 0 ? gamma : 0);
      sum += c * c;
    }
    const factor = Math.sqrt(1 + sum);
    out[h] = form.error === 'A' ? sigma * factor : sigma * Math.abs(point[h]) * factor;
    if (!Number.isFinite(out[h])) out[h] = 0;
  }
  return out;
}

/** Theta as R's thetaf: the SES standard error σ·√(1 + (h − 1)α²), reseasonalised like the point forecast. */
export function thetaForecastSd(y: ArrayLike<number>, params: ThetaParams, horizon: number): Float64Array {
  const indices = thetaSeasonalIndices(y, params, horizon);
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const value = params.sigma * Math.sqrt(1 + h * params.alpha * params.alpha) * indices[h];
    out[h] = Number.isFinite(value) ? value : 0;
  }
  return out;
}
