import { AccuracySums, AccuracySummary, addPoint, emptySums, summarize } from '../training/evaluation/forecast-accuracy';

/** Running sums for every metric of the report; like AccuracySums they add across points, buckets and origins. */
export interface MetricSums {
  accuracy: AccuracySums;
  /** Σ|F−A|/scale over points whose series has a MASE scale. */
  scaledAbsError: number;
  scaledPoints: number;
  /** Σ 200|F−A|/(|F|+|A|), with 0 where both are 0. */
  smape: number;
  /** Points with an interval, and how many of those the interval covers. */
  intervalPoints: number;
  covered: number;
}

export interface MetricSummary extends AccuracySummary {
  /** Mean absolute error scaled by each series' in-sample seasonal-naive MAE. */
  mase: number;
  /** Mean over points, in percent (0–200). */
  smape: number;
  /** Share of actuals inside the nominal 80% interval; NaN when the method gave no intervals. */
  coverage: number;
  intervalPoints: number;
}

export interface ScoredPoint {
  forecast: number;
  actual: number;
  lower?: number;
  upper?: number;
  /** The series' MASE scale at this origin; NaN when it has none. */
  scale: number;
}

export function emptyMetricSums(): MetricSums {
  return { accuracy: emptySums(), scaledAbsError: 0, scaledPoints: 0, smape: 0, intervalPoints: 0, covered: 0 };
}

export function addScoredPoint(sums: MetricSums, p: ScoredPoint): void {
  addPoint(sums.accuracy, p.forecast, p.actual);
  const absError = Math.abs(p.forecast - p.actual);
  if (Number.isFinite(p.scale)) {
    sums.scaledAbsError += absError / p.scale;
    sums.scaledPoints++;
  }
  const denominator = Math.abs(p.forecast) + Math.abs(p.actual);
  sums.smape += denominator > 0 ? (200 * absError) / denominator : 0;
  if (p.lower !== undefined && p.upper !== undefined) {
    sums.intervalPoints++;
    if (p.lower <= p.actual && p.actual <= p.upper) sums.covered++;
  }
}

/** Undefined ratios are NaN, as in summarize(), so they never pass for a perfect score. */
export function summarizeMetrics(sums: MetricSums): MetricSummary {
  const n = sums.accuracy.points;
  return {
    ...summarize(sums.accuracy),
    mase: sums.scaledPoints > 0 ? sums.scaledAbsError / sums.scaledPoints : Number.NaN,
    smape: n > 0 ? sums.smape / n : Number.NaN,
    coverage: sums.intervalPoints > 0 ? sums.covered / sums.intervalPoints : Number.NaN,
    intervalPoints: sums.intervalPoints,
  };
}

/**
 * The MASE denominator: mean |y(t) − y(t − period)| over the in-sample months (Hyndman & Koehler 2006, as in M4).
 * NaN when the history is shorter than period + 1 months or the series repeats itself exactly (scale 0).
 */
export function seasonalNaiveScale(history: ArrayLike<number>, period = 12): number {
  if (history.length <= period) return Number.NaN;
  let sum = 0;
  for (let t = period; t < history.length; t++) sum += Math.abs(history[t] - history[t - period]);
  const scale = sum / (history.length - period);
  return scale > 0 ? scale : Number.NaN;
}
