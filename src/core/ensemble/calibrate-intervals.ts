import { quantileSorted } from '../../features/quantile';
import { IntervalEntry } from './ensemble-spec';
import { intervalKeys, IntervalSpace, scaledError } from './intervals';
import { HistoryTraits } from './segments';

/** One backtest forecast as calibration reads it: the combination's forecasts and the actuals (NaN if unknown). */
export interface CalibrationRecord {
  traits: HistoryTraits;
  space: IntervalSpace;
  scale: number;
  forecast: Float64Array;
  actual: Float64Array;
}

/** Fewer scaled errors than this at a step and the segment takes its parent's quantiles. */
export const MIN_POINTS_PER_STEP = 40;

/**
 * Per segment and step, the (1 − coverage)/2 and (1 + coverage)/2 empirical quantiles of the scaled errors, so
 * the nominal interval covers that share of the backtest's actuals by construction; widths never shrink with the
 * step (a later step is never more certain than an earlier one).
 */
export function calibrateIntervals(records: CalibrationRecord[], horizon: number, coverage: number): IntervalEntry[] {
  const errors = new Map<string, { space: IntervalSpace; steps: number[][] }>();
  for (const record of records) {
    for (const key of intervalKeys(record.traits, record.space)) {
      let bucket = errors.get(key);
      if (!bucket) errors.set(key, (bucket = { space: record.space, steps: Array.from({ length: horizon }, () => []) }));
      for (let h = 0; h < Math.min(horizon, record.actual.length); h++) {
        const a = record.actual[h];
        const f = record.forecast[h];
        if (!Number.isFinite(a) || !(record.space === 'additive' || f > 0)) continue;
        const e = scaledError(a, f, record.scale, record.space);
        if (Number.isFinite(e)) bucket.steps[h].push(e);
      }
    }
  }
  const entries: IntervalEntry[] = [];
  for (const [key, { space, steps }] of [...errors.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (steps.some((s) => s.length < MIN_POINTS_PER_STEP)) continue;
    const lower: number[] = [];
    const upper: number[] = [];
    steps.forEach((values, h) => {
      const sorted = Float64Array.from(values).sort();
      const lo = Math.min(0, quantileSorted(sorted, (1 - coverage) / 2));
      const hi = Math.max(0, quantileSorted(sorted, (1 + coverage) / 2));
      lower.push(h > 0 ? Math.min(lower[h - 1], lo) : lo);
      upper.push(h > 0 ? Math.max(upper[h - 1], hi) : hi);
    });
    entries.push({ key, space, lower, upper, points: steps.reduce((n, s) => n + s.length, 0) });
  }
  return entries;
}
