import { FeatureSpec } from '../../features/feature-spec';
import { TreeEnsemble } from '../gbdt/tree-ensemble';
import { EvaluationPoint } from './evaluation-table';

export const SMOOTHED_FORECAST = 'smoothed_forecast';

/** Blend weights tried, 0 (trees only) to 1 (smoothing only) in steps of 0.05. */
export const BLEND_GRID = Array.from({ length: 21 }, (_, i) => i / 20);

/** The spec's damped-smoothing forecast as a model: no trees, the smoothed_forecast column with weight 1. */
export function smoothingModel(spec: FeatureSpec): TreeEnsemble | undefined {
  const featureIndex = spec.names.indexOf(SMOOTHED_FORECAST);
  return featureIndex < 0 ? undefined : { baseValue: 0, trees: [], offset: { featureIndex, weight: 1 } };
}

/** (1 − w) × (calibrated trees) + w × smoothing, in units, as blendEnsemble computes it (clipped at 0). */
export function blendedForecast(point: EvaluationPoint, shift: number, weight: number): number {
  const { model, smoothing } = point.forecasts;
  if (smoothing === undefined || point.scale === undefined) throw new RangeError('a blend needs the smoothing forecast and the scale of every point');
  return Math.max(0, (1 - weight) * (model + shift * point.scale) + weight * smoothing);
}

/**
 * The weight on the damped smoothing that gives the lowest WAPE on out-of-sample points (the trees calibrated by
 * `shift` first); ties go to the smaller weight. The trees learn the growth of the years they train on and carry it
 * on; the damped extrapolation follows each series' recent trend, and the two err differently, so a blend of them
 * beats both.
 */
export function blendWeight(points: EvaluationPoint[], shift: number, grid: number[] = BLEND_GRID): number {
  let best: { weight: number; absError: number } | undefined;
  for (const weight of grid) {
    let absError = 0;
    for (const p of points) absError += Math.abs(blendedForecast(p, shift, weight) - p.actual);
    // A later weight must win by more than rounding, so equal errors keep the smaller weight on every platform.
    if (best === undefined || absError < best.absError * (1 - 1e-12)) best = { weight, absError };
  }
  return best?.weight ?? 0;
}

/** The trees scaled by (1 − w) plus the smoothed_forecast column times w, all float32 as ONNX stores them. */
export function blendEnsemble(ensemble: TreeEnsemble, weight: number, spec: FeatureSpec): TreeEnsemble {
  if (weight === 0) return ensemble;
  const featureIndex = spec.names.indexOf(SMOOTHED_FORECAST);
  if (featureIndex < 0) throw new RangeError(`a blend needs the ${SMOOTHED_FORECAST} feature`);
  const keep = 1 - weight;
  return {
    baseValue: Math.fround(keep * ensemble.baseValue),
    trees: ensemble.trees.map((tree) => ({ nodes: tree.nodes.map((node) => (node.kind === 'leaf' ? { kind: 'leaf', value: Math.fround(keep * node.value) } : node)) })),
    offset: { featureIndex, weight: Math.fround(weight) },
  };
}
