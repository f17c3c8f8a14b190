import { TreeEnsemble } from '../gbdt/tree-ensemble';
import { EvaluationPoint } from './evaluation-table';

/**
 * The shift of the model's raw output (in units of the series' scale) that would have zeroed its bias on
 * out-of-sample points: δ = −Σ(F − A) / Σ scale. Retail growth slowed after the years the model learns from,
 * so a model that extrapolates the average past growth over-forecasts; backtests measure by how much.
 */
export function biasShift(points: EvaluationPoint[]): number {
  let error = 0;
  let scale = 0;
  for (const p of points) {
    if (p.scale === undefined) throw new RangeError('bias calibration needs the model scale of every point');
    error += p.forecasts.model - p.actual;
    scale += p.scale;
  }
  return scale > 0 ? -error / scale : 0;
}

/** The same trees with the shift folded into the base value (kept float32, as ONNX stores it). */
export function shiftEnsemble(ensemble: TreeEnsemble, shift: number): TreeEnsemble {
  return { ...ensemble, baseValue: Math.fround(ensemble.baseValue + shift) };
}
