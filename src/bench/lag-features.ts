// The lag reference's whole feature set, shared by its training (at bench start) and its server so both build
// the same rows: the last LAGS values over the series' LAGS-month mean, then the step. Nothing else, on purpose:
// it is the least a tree model over history can read, which makes it the yardstick for the service's cost.

export const LAGS = 12;
export const LAG_FEATURE_COUNT = LAGS + 1;

/** Mean of the LAGS values before `end` (fewer when the series is shorter); 1 when that mean is 0 or absent. */
export function lagScale(values: ArrayLike<number>, end: number): number {
  const first = Math.max(0, end - LAGS);
  let sum = 0;
  for (let t = first; t < end; t++) sum += values[t];
  const mean = end > first ? sum / (end - first) : 0;
  return mean > 0 ? mean : 1;
}

/**
 * Writes `horizon` rows from `offset` (in rows) for a forecast made after `values[end - 1]`: lag k of row h is
 * `values[end - k] / scale` (NaN before the series starts), the last column the step h (1-based).
 */
export function writeLagRows(values: ArrayLike<number>, end: number, horizon: number, scale: number, data: Float32Array, offset: number): void {
  for (let h = 1; h <= horizon; h++) {
    const row = (offset + h - 1) * LAG_FEATURE_COUNT;
    for (let k = 1; k <= LAGS; k++) data[row + k - 1] = end - k >= 0 ? values[end - k] / scale : Number.NaN;
    data[row + LAGS] = h;
  }
}

export interface LagForecastRows {
  data: Float32Array;
  rowCount: number;
  /** Per series, what its predictions are multiplied by. */
  scales: number[];
}

/** N×H rows, series-major, for forecasting `horizon` months after each history. */
export function lagForecastRows(histories: ArrayLike<number>[], horizon: number): LagForecastRows {
  const rowCount = histories.length * horizon;
  const data = new Float32Array(rowCount * LAG_FEATURE_COUNT);
  const scales = histories.map((values, i) => {
    const scale = lagScale(values, values.length);
    writeLagRows(values, values.length, horizon, scale, data, i * horizon);
    return scale;
  });
  return { data, rowCount, scales };
}

export interface LagTrainingRows {
  data: Float32Array;
  rowCount: number;
  /** The value `step` months after the origin, over the origin's scale. */
  targets: Float64Array;
  /** The step of each row (1-based). */
  steps: Int32Array;
}

/**
 * Training rows from each series' last `origins` forecast origins whose every step up to `horizon` is observed
 * (an origin needs LAGS months before it); series too short for one origin add nothing.
 */
export function lagTrainingRows(histories: ArrayLike<number>[], horizon: number, origins: number): LagTrainingRows {
  const ends = histories.map((values) => {
    const last = values.length - horizon;
    const first = Math.max(LAGS, last - origins + 1);
    return { first, last };
  });
  const rowCount = ends.reduce((sum, { first, last }) => sum + Math.max(0, last - first + 1) * horizon, 0);
  const data = new Float32Array(rowCount * LAG_FEATURE_COUNT);
  const targets = new Float64Array(rowCount);
  const steps = new Int32Array(rowCount);
  let offset = 0;
  histories.forEach((values, i) => {
    for (let end = ends[i].first; end <= ends[i].last; end++) {
      const scale = lagScale(values, end);
      writeLagRows(values, end, horizon, scale, data, offset);
      for (let h = 1; h <= horizon; h++) {
        targets[offset + h - 1] = values[end + h - 1] / scale;
        steps[offset + h - 1] = h;
      }
      offset += horizon;
    }
  });
  return { data, rowCount, targets, steps };
}
