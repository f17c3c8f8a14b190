/** The segment dimensions of the report, in order; each series-origin falls in exactly one label of each. */
export const SEGMENT_DIMENSIONS = ['history length', 'share of zeros', 'volume quartile', 'country'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];
export type SegmentLabels = Record<SegmentDimension, string>;

/** Months of history at the cut. */
export function historyLengthSegment(months: number): string {
  if (months < 24) return '<24';
  if (months < 48) return '24-47';
  if (months < 96) return '48-95';
  return '96+';
}

export const HISTORY_LENGTH_ORDER = ['<24', '24-47', '48-95', '96+'];
export const ZERO_SHARE_ORDER = ['0', '(0,30%)', '[30,50%)', '>=50%'];
export const VOLUME_QUARTILE_ORDER = ['Q1 (lowest)', 'Q2', 'Q3', 'Q4 (highest)'];

export function zeroShareSegment(history: ArrayLike<number>): string {
  let zeros = 0;
  for (let i = 0; i < history.length; i++) if (history[i] === 0) zeros++;
  const share = zeros / history.length;
  if (share === 0) return '0';
  if (share < 0.3) return '(0,30%)';
  if (share < 0.5) return '[30,50%)';
  return '>=50%';
}

/**
 * Volume quartile of each series among the series of one origin, by mean monthly quantity over its history:
 * rank r of n (ties in panel order) falls in quartile floor(4r / n) + 1.
 */
export function volumeQuartiles(meanVolumes: number[]): string[] {
  const order = meanVolumes.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const labels = new Array<string>(meanVolumes.length);
  order.forEach(({ i }, rank) => (labels[i] = VOLUME_QUARTILE_ORDER[Math.floor((4 * rank) / meanVolumes.length)]));
  return labels;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Labels in report order: the fixed order where the dimension has one, else sorted. */
export function orderLabels(dimension: SegmentDimension, labels: Iterable<string>): string[] {
  const present = new Set(labels);
  const fixed = { 'history length': HISTORY_LENGTH_ORDER, 'share of zeros': ZERO_SHARE_ORDER, 'volume quartile': VOLUME_QUARTILE_ORDER, country: undefined }[dimension];
  return fixed ? fixed.filter((l) => present.has(l)) : [...present].sort((a, b) => a.localeCompare(b));
}
