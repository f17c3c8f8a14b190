/** Running sums from which WAPE and Bias follow; they add up across points, buckets and replicas. */
export interface AccuracySums {
  absError: number;
  error: number;
  actual: number;
  points: number;
}

/** WAPE = Σ|F−A| / ΣA, Forecast Accuracy = 1 − WAPE, Bias = Σ(F−A) / ΣA. */
export interface AccuracySummary {
  wape: number;
  accuracy: number;
  bias: number;
  points: number;
}

export function emptySums(): AccuracySums {
  return { absError: 0, error: 0, actual: 0, points: 0 };
}

export function addPoint(sums: AccuracySums, forecast: number, actual: number): void {
  sums.absError += Math.abs(forecast - actual);
  sums.error += forecast - actual;
  sums.actual += actual;
  sums.points += 1;
}

/** Undefined ratios (no actual volume) are NaN, so they never pass for a perfect score. */
export function summarize(sums: AccuracySums): AccuracySummary {
  const wape = sums.actual > 0 ? sums.absError / sums.actual : Number.NaN;
  return { wape, accuracy: 1 - wape, bias: sums.actual > 0 ? sums.error / sums.actual : Number.NaN, points: sums.points };
}
