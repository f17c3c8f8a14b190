import { IntervalEntry } from './ensemble-spec';
import { HistoryTraits, lengthBand, zeroBand } from './segments';

/** Months compared for a history's own error scale: the last 3 years at most. */
const SCALE_WINDOW = 36;
const MIN_LOG_SCALE = 0.005;
/** A single month says nothing of its spread: assume ±25% per step. */
const ONE_MONTH_LOG_SCALE = 0.25;

export type IntervalSpace = IntervalEntry['space'];

/** Log space for histories without zeros (the bounds then stay positive), additive otherwise. */
export function intervalSpace(values: ArrayLike<number>): IntervalSpace {
  for (let i = 0; i < values.length; i++) if (!(values[i] > 0)) return 'additive';
  return 'log';
}

/**
 * A series' own error scale over the last 36 months: in log space the mean absolute seasonal difference of the
 * logs (lag 12 with two years of history, else lag 1); in additive space, which holds the series that have been
 * 0 and so mostly intermittent ones, the mean absolute month-to-month change (a seasonal lag would read a demand
 * pattern that repeats within the year as no noise at all). Intervals are these scales times quantiles calibrated per
 * segment, so each series' interval widens with its own noise.
 */
export function intervalScale(values: ArrayLike<number>, space: IntervalSpace): number {
  const n = values.length;
  const lag = space === 'log' && n >= 24 ? 12 : 1;
  const from = Math.max(lag, n - SCALE_WINDOW);
  let sum = 0;
  let count = 0;
  let level = 0;
  for (let i = 0; i < n; i++) level += Math.abs(values[i]);
  level = n > 0 ? level / n : 0;
  for (let i = from; i < n; i++) {
    const d = space === 'log' ? Math.log(values[i] / values[i - lag]) : values[i] - values[i - lag];
    if (Number.isFinite(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  if (space === 'log') return count > 0 ? Math.max(MIN_LOG_SCALE, sum / count) : ONE_MONTH_LOG_SCALE;
  const floor = Math.max(1e-9, 0.05 * level);
  return count > 0 ? Math.max(floor, sum / count) : Math.max(floor, ONE_MONTH_LOG_SCALE * level);
}

export function intervalKeys(traits: HistoryTraits, space: IntervalSpace): string[] {
  return [`${space}|${lengthBand(traits.length)}|${zeroBand(traits.zeroShare)}`, `${space}|${lengthBand(traits.length)}|*`, `${space}|*|*`];
}

export function intervalEntryFor(entries: ReadonlyMap<string, IntervalEntry>, traits: HistoryTraits, space: IntervalSpace): IntervalEntry | undefined {
  for (const key of intervalKeys(traits, space)) {
    const entry = entries.get(key);
    if (entry) return entry;
  }
  return undefined;
}

/** The scaled error of one backtest point in the given space. */
export function scaledError(actual: number, forecast: number, scale: number, space: IntervalSpace): number {
  if (space === 'additive') return (actual - forecast) / scale;
  // An actual of 0 in a history that had none: count it as a far miss rather than -Infinity.
  return Math.log(Math.max(actual, forecast * 1e-3) / forecast) / scale;
}

/** Bounds for one step; the lower bound is 0 only in additive space, i.e. for series that have been 0. */
export function intervalAt(forecast: number, scale: number, space: IntervalSpace, lower: number, upper: number): { lower: number; upper: number } {
  if (space === 'log' && forecast > 0) {
    return { lower: forecast * Math.exp(lower * scale), upper: forecast * Math.exp(upper * scale) };
  }
  const lo = Math.max(0, forecast + lower * scale);
  return { lower: Math.min(lo, forecast), upper: Math.max(forecast, forecast + upper * scale) };
}

/** The calibrated interval around a forecast from a history, or undefined when no calibration covers it. */
export function calibratedInterval(
  history: ArrayLike<number>,
  traits: HistoryTraits,
  forecast: Float64Array,
  entries: ReadonlyMap<string, IntervalEntry>,
): { lower: Float64Array; upper: Float64Array } | undefined {
  const space = intervalSpace(history);
  const entry = intervalEntryFor(entries, traits, space);
  if (!entry) return undefined;
  const scale = intervalScale(history, space);
  const lower = new Float64Array(forecast.length);
  const upper = new Float64Array(forecast.length);
  for (let h = 0; h < forecast.length; h++) {
    const at = Math.min(h, entry.lower.length - 1);
    const bounds = intervalAt(forecast[h], scale, space, entry.lower[at], entry.upper[at]);
    lower[h] = bounds.lower;
    upper[h] = bounds.upper;
  }
  return { lower, upper };
}
