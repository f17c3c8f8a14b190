import { formatMonth, MonthIndex } from '../features/month';
import { ForecastPoint } from './forecast-input';

/**
 * A batch's forecasts in flat arrays, series-major (series i, step h at `i * horizon + h`): cheap to build, and
 * moved between threads without a copy. The answer is written from it directly (forecast-answer-encoder.ts);
 * seriesPoints is the same points as objects.
 */
export interface ForecastValues {
  horizon: number;
  /** The first forecast month of each series: the month after its last history month. */
  firstMonths: Int32Array;
  values: Float64Array;
  /** The interval's bounds; NaN for a series that has none. Absent when no series has one. */
  lower?: Float64Array;
  upper?: Float64Array;
}

export function allocateForecastValues(firstMonths: MonthIndex[], horizon: number, withIntervals: boolean): ForecastValues {
  const size = firstMonths.length * horizon;
  const values: ForecastValues = { horizon, firstMonths: Int32Array.from(firstMonths), values: new Float64Array(size) };
  if (withIntervals) {
    values.lower = new Float64Array(size).fill(Number.NaN);
    values.upper = new Float64Array(size).fill(Number.NaN);
  }
  return values;
}

export function seriesCount(forecasts: ForecastValues): number {
  return forecasts.firstMonths.length;
}

// A monthly batch shares its forecast months, so formatting each once is most of the strings an answer needs.
const MONTH_CACHE_LIMIT = 4096;
const monthTexts = new Map<MonthIndex, string>();

/** YYYY-MM of a month index, formatted once per month. */
export function monthText(index: MonthIndex): string {
  let text = monthTexts.get(index);
  if (text === undefined) {
    if (monthTexts.size >= MONTH_CACHE_LIMIT) monthTexts.clear();
    monthTexts.set(index, (text = formatMonth(index)));
  }
  return text;
}

/** One series' forecast as the answer's points: month, value, and the interval when the series has one. */
export function seriesPoints(forecasts: ForecastValues, i: number): ForecastPoint[] {
  const { horizon, values, lower, upper } = forecasts;
  const first = forecasts.firstMonths[i];
  const points: ForecastPoint[] = new Array(horizon);
  const offset = i * horizon;
  const withInterval = lower !== undefined && upper !== undefined && !Number.isNaN(lower[offset]);
  for (let h = 0; h < horizon; h++) {
    const point: ForecastPoint = { month: monthText(first + h), value: values[offset + h] };
    if (withInterval) {
      point.lower = lower[offset + h];
      point.upper = upper[offset + h];
    }
    points[h] = point;
  }
  return points;
}

/** The step values of one series: a view into the batch's array (the forecast log copies what it keeps). */
export function seriesValues(forecasts: ForecastValues, i: number): Float64Array {
  return forecasts.values.subarray(i * forecasts.horizon, (i + 1) * forecasts.horizon);
}
