import { EtsParams, forecastEts } from './ets';
import { CrostonParams, TsbParams, forecastCroston, forecastTsb } from './intermittent';
import { ThetaParams, forecastTheta } from './theta';

/** Any fitted per-series method, as training ships it and serving re-applies it; `kind` tells them apart. */
export type FittedMethod = EtsParams | ThetaParams | CrostonParams | TsbParams;

/** Re-applies a fitted method to a history (the one it was fitted on, or a later or other one). */
export function forecastFitted(y: ArrayLike<number>, params: FittedMethod, horizon: number): Float64Array {
  switch (params.kind) {
    case 'ets':
      return forecastEts(y, params, horizon);
    case 'theta':
      return forecastTheta(y, params, horizon);
    case 'croston-sba':
      return forecastCroston(y, params, horizon);
    case 'tsb':
      return forecastTsb(y, params, horizon);
  }
}
