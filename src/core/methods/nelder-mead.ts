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
  const order = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) order[i] = i;
  // Insertion sort by value: after a step only the replaced vertex moves, so this is O(n), not a full sort.
  const settle = (from: number) => {
    for (let i = Math.max(1, from); i <= n; i++) {
      const index = order[i];
      let k = i;
      while (k > 0 && values[order[k - 1]] > values[index]) {
        order[k] = order[k - 1];
        k--;
      }
      order[k] = index;
    }
  };
  const sum = new Float64Array(n);
  const resum = () => {
    sum.fill(0);
    for (const p of points) for (let j = 0; j < n; j++) sum[j] += p[j];
  };
  const replaceWorst = (point: Float64Array, value: number) => {
    const worst = order[n];
    const old = points[worst];
    for (let j = 0; j < n; j++) sum[j] += point[j] - old[j];
    old.set(point);
    values[worst] = value;
    settle(n);
  };
  settle(1);
  resum();
  const centroid = new Float64Array(n);
  const reflected = new Float64Array(n);
  const trial = new Float64Array(n);
  const along = (out: Float64Array, from: Float64Array, to: Float64Array, t: number) => {
    for (let j = 0; j < n; j++) out[j] = from[j] + t * (to[j] - from[j]);
  };

  while (evaluations < options.maxEvaluations) {
    const best = order[0];
    const worst = order[n];
    const bestValue = values[best];
    if (values[worst] - bestValue <= options.tolerance * (Math.abs(bestValue) + options.tolerance)) break;
    const worstPoint = points[worst];
    for (let j = 0; j < n; j++) centroid[j] = (sum[j] - worstPoint[j]) / n;

    along(reflected, centroid, worstPoint, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < bestValue) {
      along(trial, centroid, worstPoint, -2);
      const expandedValue = evaluate(trial);
      if (expandedValue < reflectedValue) replaceWorst(trial, expandedValue);
      else replaceWorst(reflected, reflectedValue);
    } else if (reflectedValue < values[order[n - 1]]) {
      replaceWorst(reflected, reflectedValue);
    } else {
      const outside = reflectedValue < values[worst];
      along(trial, centroid, outside ? reflected : worstPoint, 0.5);
      const contractedValue = evaluate(trial);
      if (contractedValue < Math.min(reflectedValue, values[worst])) {
        replaceWorst(trial, contractedValue);
      } else {
        const b = points[best];
        for (let k = 1; k <= n; k++) {
          const p = points[order[k]];
          along(p, b, p, 0.5);
          values[order[k]] = evaluate(p);
        }
        settle(1);
        resum();
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { point: points[best], value: values[best], evaluations };
}
