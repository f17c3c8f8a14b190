import { SeriesProfile } from '../features/series-profile';
import { formatMonth, MonthIndex } from '../features/month';
import { IntervalSpec } from '../registry/model-manifest';
import { ForecastPoint } from './forecast-input';

export interface PostprocessInput {
  /** First forecast month of each series: the month after its last history month. */
  firstMonths: MonthIndex[];
  profiles: SeriesProfile[];
  /** Raw model output, series-major: predictions[i * horizon + (step - 1)], in units of the series' scale. */
  predictions: Float32Array;
  horizon: number;
  intervals?: IntervalSpec;
}

/** Model output back to the history's units, one list of points per series; demand is never negative. */
export function postprocessForecasts(input: PostprocessInput): ForecastPoint[][] {
  const { firstMonths, profiles, predictions, horizon, intervals } = input;
  return profiles.map((profile, i) => {
    const points: ForecastPoint[] = new Array(horizon);
    for (let step = 1; step <= horizon; step++) {
      const raw = predictions[i * horizon + step - 1] * profile.scale;
      // NaN from a broken graph must not become a silent 0: it fails the golden check before serving.
      const value = raw > 0 || Number.isNaN(raw) ? raw : 0;
      const point: ForecastPoint = { month: formatMonth(firstMonths[i] + step - 1), value };
      if (intervals) {
        point.lower = Math.max(0, value * intervals.lowerRatio[step - 1]);
        point.upper = Math.max(point.lower, value * intervals.upperRatio[step - 1]);
      }
      points[step - 1] = point;
    }
    return points;
  });
}
