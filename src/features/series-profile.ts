import { FeatureSpec, SCALE_FLOOR } from './feature-spec';

/** Per-series statistics as known at an origin month, shared by every row built from that origin. */
export interface SeriesProfile {
  /** Divides values and targets; the model works in units of this scale. */
  scale: number;
  cv: number;
  abcClass: number;
  xyzClass: number;
}

export function windowMean(values: ArrayLike<number>, end: number, window: number): number {
  let sum = 0;
  for (let i = end - window + 1; i <= end; i++) sum += values[i];
  return sum / window;
}

export function windowStd(values: ArrayLike<number>, end: number, window: number): number {
  const mean = windowMean(values, end, window);
  let squares = 0;
  for (let i = end - window + 1; i <= end; i++) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / window);
}

/** Statistics from values[0..originIndex] only, so training rows never see the future. */
export function profileAt(
  values: ArrayLike<number>,
  originIndex: number,
  spec: Pick<FeatureSpec, 'scaleWindow' | 'abc' | 'xyz'>,
): SeriesProfile {
  const scale = Math.max(windowMean(values, originIndex, spec.scaleWindow), SCALE_FLOOR);
  const xyzMean = windowMean(values, originIndex, spec.xyz.window);
  const cv = xyzMean > 0 ? windowStd(values, originIndex, spec.xyz.window) / xyzMean : Number.POSITIVE_INFINITY;
  const abcClass = scale >= spec.abc.aMinScale ? 0 : scale >= spec.abc.bMinScale ? 1 : 2;
  const xyzClass = cv <= spec.xyz.xMaxCv ? 0 : cv <= spec.xyz.yMaxCv ? 1 : 2;
  return { scale, cv, abcClass, xyzClass };
}
