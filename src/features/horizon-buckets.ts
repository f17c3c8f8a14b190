/**
 * The planners' horizon buckets (months ahead), shared by training's evaluation and the live accuracy metrics so
 * that offline and online figures line up. Steps beyond 18 (models with a longer horizon) count in the last one.
 */
export const HORIZON_BUCKETS = [
  { label: '1', from: 1, to: 1 },
  { label: '2-3', from: 2, to: 3 },
  { label: '4-6', from: 4, to: 6 },
  { label: '7-12', from: 7, to: 12 },
  { label: '13-18', from: 13, to: Infinity },
] as const;

export type HorizonBucket = (typeof HORIZON_BUCKETS)[number]['label'];

export function horizonBucket(step: number): HorizonBucket {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step ${step} is not a positive whole number of months`);
  for (const bucket of HORIZON_BUCKETS) if (step <= bucket.to) return bucket.label;
  return '13-18';
}
