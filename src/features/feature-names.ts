import { FeatureSpec } from './feature-spec';

type Shape = Omit<FeatureSpec, 'names' | 'minHistory'>;

/** Column order of the model input. Training and serving both write rows in exactly this order. */
export function featureNames(spec: Shape): string[] {
  return [
    'horizon',
    'target_month',
    'origin_month',
    ...spec.lags.map((k) => `lag_${k}`),
    ...spec.seasonalLagYears.map((y) => `seasonal_lag_${y}y`),
    ...spec.rollingMeanWindows.map((w) => `roll_mean_${w}`),
    ...spec.rollingStdWindows.map((w) => `roll_std_${w}`),
    'trend_12',
    'log_scale',
    'abc_class',
    'xyz_class',
    ...spec.categoricals.map((c) => c.name),
    ...(spec.smoothing ? ['smoothed_forecast', 'smoothed_growth'] : []),
  ];
}

/** Months of history needed so that every numeric feature is defined for every horizon up to maxHorizon. */
export function minimumHistory(spec: Shape): number {
  let seasonal = 0;
  const maxYears = Math.max(0, ...spec.seasonalLagYears);
  for (let h = 1; h <= spec.maxHorizon && maxYears > 0; h++) {
    const monthsBack = 12 * (Math.ceil(h / 12) + maxYears - 1);
    seasonal = Math.max(seasonal, monthsBack - h + 1);
  }
  return Math.max(
    ...spec.lags,
    ...spec.rollingMeanWindows,
    ...spec.rollingStdWindows,
    spec.scaleWindow,
    spec.xyz.window,
    24, // trend_12 compares the last 12 months with the 12 before them
    seasonal,
    spec.smoothing?.window ?? 0,
  );
}
