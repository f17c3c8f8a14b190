import { SeriesProfile } from '../features/series-profile';
import { IntervalSpec } from '../registry/model-manifest';
import { ForecastValues } from './forecast-values';

export interface PostprocessInput {
  profiles: SeriesProfile[];
  /** Raw model output, series-major: predictions[i * horizon + (step - 1)], in units of the series' scale. */
  predictions: Float32Array;
  intervals?: IntervalSpec;
}

/**
 * A trees-only model's output back to the history's units, into `into` (allocated with intervals when the model
 * has them); demand is never negative.
 */
export function postprocessForecasts(input: PostprocessInput, into: ForecastValues): ForecastValues {
  const { profiles, predictions, intervals } = input;
  const { horizon, values, lower, upper } = into;
  profiles.forEach((profile, i) => {
    for (let step = 1; step <= horizon; step++) {
      const at = i * horizon + step - 1;
      const raw = predictions[at] * profile.scale;
      // NaN from a broken graph must not become a silent 0: it fails the golden check before serving.
      const value = raw > 0 || Number.isNaN(raw) ? raw : 0;
      values[at] = value;
      if (intervals && lower && upper) {
        lower[at] = Math.max(0, value * intervals.lowerRatio[step - 1]);
        upper[at] = Math.max(lower[at], value * intervals.upperRatio[step - 1]);
      }
    }
  });
  return into;
}
