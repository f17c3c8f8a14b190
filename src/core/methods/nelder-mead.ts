export interface NelderMeadOptions {
  maxEvaluations: number;
  /** Initial simplex: the start point plus `step[i]` (or `step`) along each axis i. */
  step: number | ArrayLike<number>;
  /** Stops when the simplex's function values differ by less than this, relative to the best value's size. */
  tolerance: number;
}

export interface Minimum {
  point: Float64Array;
  value: number;
  evaluations: number;
}

/**
 * Unconstrained Nelder–Mead minimisation (standard coefficients), deterministic for a given start. A copy of
 * training/baselines/nelder-mead.ts rewritten over preallocated typed arrays: ETS fits call it hundreds of
 * thousands of times in training, and the array-per-step original spent as long allocating as the objective did.
 * Non-finite objective values count as +Infinity, so an objective can refuse a point by returning Infinity.
 */
export function nelderMead(f: (x: Float64Array) => number, start: ArrayLike<number>, options: NelderMeadOptions): Minimum {
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x: Float64Array) => {
    evaluations++;
    const value = f(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const points: Float64Array[] = [];
  const values = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(start);
    if (i > 0) p[i - 1] += typeof options.step === 'number' ? options.step : options.step[i - 1];
    points.push(p);
    values[i] = evaluate(p);
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const reflected = new Float64Array(n);
  const trial = new Float64Array(n);
  const along = (out: Float64Array, from: Float64Array, to: Float64Array, t: number) => {
    for (let j = 0; j < n; j++) out[j] = from[j] + t * (to[j] - from[j]);
  };

  while (evaluations < options.maxEvaluations) {
    order.sort((a, b) => values[a] - values[b]);
    const best = order[0];
    const worst = order[n];
    const bestValue = values[best];
    if (values[worst] - bestValue <= options.tolerance * (Math.abs(bestValue) + options.tolerance)) break;
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k]];
      for (let j = 0; j < n; j++) centroid[j] += p[j];
    }
    for (let j = 0; j < n; j++) centroid[j] /= n;

    along(reflected, centroid, points[worst], -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < bestValue) {
      along(trial, centroid, points[worst], -2);
      const expandedValue = evaluate(trial);
      if (expandedValue < reflectedValue) {
        points[worst].set(trial);
        values[worst] = expandedValue;
      } else {
        points[worst].set(reflected);
        values[worst] = reflectedValue;
      }
    } else if (reflectedValue < values[order[n - 1]]) {
      points[worst].set(reflected);
      values[worst] = reflectedValue;
    } else {
      const outside = reflectedValue < values[worst];
      along(trial, centroid, outside ? reflected : points[worst], 0.5);
      const contractedValue = evaluate(trial);
      if (contractedValue < Math.min(reflectedValue, values[worst])) {
        points[worst].set(trial);
        values[worst] = contractedValue;
      } else {
        const b = points[best];
        for (let k = 1; k <= n; k++) {
          const p = points[order[k]];
          along(p, b, p, 0.5);
          values[order[k]] = evaluate(p);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { point: points[best], value: values[best], evaluations };
}
