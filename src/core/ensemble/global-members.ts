import { FeatureMatrix } from '../../features/feature-builder';
import { FeatureSpec } from '../../features/feature-spec';

export const SMOOTHED_FORECAST = 'smoothed_forecast';

/** The members computed for a whole batch at once from the trees' input rows, in units. */
export interface GlobalMembers {
  trees: Float64Array;
  /** The features' fixed-parameter damped smoothing (the `smoothed_forecast` column), when the spec has it. */
  smoothing?: Float64Array;
}

/**
 * Per series of the matrix (series-major, `horizon` rows each): the trees' prediction and the smoothing column,
 * times the series' scale. Serving passes onnxruntime's output, training its own evaluation of the same trees.
 */
export function globalMembers(matrix: FeatureMatrix, predictions: ArrayLike<number>, spec: FeatureSpec, horizon: number): GlobalMembers[] {
  const column = spec.names.indexOf(SMOOTHED_FORECAST);
  return matrix.profiles.map(({ scale }, k) => {
    const trees = new Float64Array(horizon);
    const smoothing = column >= 0 ? new Float64Array(horizon) : undefined;
    for (let h = 0; h < horizon; h++) {
      const row = k * horizon + h;
      const raw = predictions[row] * scale;
      // NaN from a broken graph must not become a silent 0: it fails the golden check before serving.
      trees[h] = raw > 0 || Number.isNaN(raw) ? raw : 0;
      if (smoothing) smoothing[h] = Math.max(0, matrix.data[row * matrix.columnCount + column] * scale);
    }
    return smoothing ? { trees, smoothing } : { trees };
  });
}
