import { IntervalSpec } from '../../registry/model-manifest';

/** Linear-interpolated quantile of ascending values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/**
 * Empirical intervals as ratios of the point forecast: for each step, the (1−c)/2 and (1+c)/2 quantiles of
 * actual / forecast over backtest points with a positive forecast. A step without such points uses all steps.
 */
export function intervalRatios(points: { step: number; actual: number; forecast: number }[], maxHorizon: number, coverage = 0.8): IntervalSpec {
  const lowerQ = (1 - coverage) / 2;
  const upperQ = (1 + coverage) / 2;
  const usable = points.filter((p) => p.forecast > 0);
  const pooled = usable.map((p) => p.actual / p.forecast).sort((a, b) => a - b);
  const lowerRatio: number[] = [];
  const upperRatio: number[] = [];
  for (let step = 1; step <= maxHorizon; step++) {
    const ratios = usable.filter((p) => p.step === step).map((p) => p.actual / p.forecast).sort((a, b) => a - b);
    const source = ratios.length > 0 ? ratios : pooled;
    if (source.length === 0) throw new RangeError('no backtest point with a positive forecast to derive intervals from');
    lowerRatio.push(Math.max(0, Math.min(1, quantileSorted(source, lowerQ))));
    upperRatio.push(Math.max(1, quantileSorted(source, upperQ)));
  }
  return { coverage, lowerRatio, upperRatio };
}
