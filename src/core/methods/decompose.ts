export type Seasonality = 'additive' | 'multiplicative';

/**
 * Seasonal figure of a classical decomposition (R's `decompose`): a centred 2×m moving average as trend, the
 * detrended values averaged per phase, then centred (sum 0, or mean 1). `figure[p]` is the index of the phase of
 * `y[p]`, i.e. of every t with t % m === p. Needs at least two full seasons; returns undefined otherwise, or when a
 * multiplicative figure would divide by a non-positive trend.
 */
export function seasonalFigure(y: ArrayLike<number>, m: number, type: Seasonality, length = y.length): Float64Array | undefined {
  const n = Math.min(length, y.length);
  if (m < 2 || n < 2 * m) return undefined;
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (even) {
      trend = 0.5 * (y[t - half] + y[t + half]);
      for (let j = -half + 1; j < half; j++) trend += y[t + j];
    } else {
      for (let j = -half; j <= half; j++) trend += y[t + j];
    }
    trend /= m;
    if (type === 'multiplicative' && !(trend > 0)) return undefined;
    sums[t % m] += type === 'additive' ? y[t] - trend : y[t] / trend;
    counts[t % m]++;
  }
  const figure = new Float64Array(m);
  let total = 0;
  for (let p = 0; p < m; p++) {
    figure[p] = sums[p] / counts[p];
    total += figure[p];
  }
  const centre = total / m;
  for (let p = 0; p < m; p++) figure[p] = type === 'additive' ? figure[p] - centre : figure[p] / centre;
  return figure;
}

/** Sample autocorrelations r_1..r_maxLag with R's `acf` normalisation (both sums over n). */
export function autocorrelations(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t];
  mean /= n;
  let denominator = 0;
  for (let t = 0; t < n; t++) denominator += (y[t] - mean) ** 2;
  const r = new Float64Array(maxLag);
  if (!(denominator > 0)) return r;
  for (let k = 1; k <= maxLag; k++) {
    let sum = 0;
    for (let t = 0; t + k < n; t++) sum += (y[t] - mean) * (y[t + k] - mean);
    r[k - 1] = sum / denominator;
  }
  return r;
}

/** Least-squares line through (x0 + i, values[i]) for i < n: value at x = 0 and slope. */
export function lineFit(values: ArrayLike<number>, n = values.length, x0 = 0): { intercept: number; slope: number } {
  if (n < 2) return { intercept: n === 1 ? values[0] : 0, slope: 0 };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x0 + i;
    my += values[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x0 + i - mx) * (values[i] - my);
    sxx += (x0 + i - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}
