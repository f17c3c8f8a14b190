export interface NelderMeadOptions {
  maxEvaluations: number;
  /** Initial simplex: the start point plus `step` along each axis. */
  step: number;
  /** Stops when the simplex's function values differ by less than this (absolute). */
  tolerance: number;
}

export interface Minimum {
  point: number[];
  value: number;
  evaluations: number;
}

/** Unconstrained Nelder–Mead minimisation (standard coefficients); deterministic for a given start. */
export function nelderMead(f: (x: number[]) => number, start: number[], options: NelderMeadOptions): Minimum {
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const value = f(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + options.step : v)))].map((point) => ({
    point,
    value: evaluate(point),
  }));
  const along = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i] - v));

  while (evaluations < options.maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[n];
    if (worst.value - best.value < options.tolerance) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((sum, p) => sum + p.point[j], 0) / n);

    const reflected = along(centroid, worst.point, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < best.value) {
      const expanded = along(centroid, worst.point, -2);
      const expandedValue = evaluate(expanded);
      simplex[n] = expandedValue < reflectedValue ? { point: expanded, value: expandedValue } : { point: reflected, value: reflectedValue };
    } else if (reflectedValue < simplex[n - 1].value) {
      simplex[n] = { point: reflected, value: reflectedValue };
    } else {
      const outside = reflectedValue < worst.value;
      const contracted = outside ? along(centroid, reflected, 0.5) : along(centroid, worst.point, 0.5);
      const contractedValue = evaluate(contracted);
      if (contractedValue < Math.min(reflectedValue, worst.value)) {
        simplex[n] = { point: contracted, value: contractedValue };
      } else {
        for (let i = 1; i <= n; i++) {
          const point = along(best.point, simplex[i].point, 0.5);
          simplex[i] = { point, value: evaluate(point) };
        }
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return { point: simplex[0].point, value: simplex[0].value, evaluations };
}
