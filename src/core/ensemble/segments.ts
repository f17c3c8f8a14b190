/**
 * The segments the combination weights and interval calibrations are learnt for: what a series' history supports
 * (its length) and how intermittent it is. Training and serving both key by these functions, so a series is
 * always weighted by what was learnt for series like it.
 */
export const LENGTH_BANDS = [
  { label: '1-11', below: 12 },
  { label: '12-23', below: 24 },
  { label: '24-47', below: 48 },
  { label: '48-95', below: 96 },
  { label: '96+', below: Infinity },
] as const;
export type LengthBand = (typeof LENGTH_BANDS)[number]['label'];

export const ZERO_BANDS = [
  { label: 'none', atMost: 0 },
  { label: 'some', atMost: 0.3 },
  { label: 'intermittent', atMost: 1 },
] as const;
export type ZeroBand = (typeof ZERO_BANDS)[number]['label'];

/** What segmenting reads of a history. */
export interface HistoryTraits {
  length: number;
  /** Share of months with a value of 0, over the last 36 months at most. */
  zeroShare: number;
}

export const ZERO_SHARE_WINDOW = 36;

export function historyTraits(values: ArrayLike<number>): HistoryTraits {
  const from = Math.max(0, values.length - ZERO_SHARE_WINDOW);
  let zeros = 0;
  for (let i = from; i < values.length; i++) if (values[i] === 0) zeros++;
  return { length: values.length, zeroShare: values.length === 0 ? 0 : zeros / (values.length - from) };
}

export function lengthBand(length: number): LengthBand {
  for (const band of LENGTH_BANDS) if (length < band.below) return band.label;
  return '96+';
}

export function zeroBand(zeroShare: number): ZeroBand {
  // A single zero in a long history is not intermittency; thresholds are shares, with a tolerance for rounding.
  for (const band of ZERO_BANDS) if (zeroShare <= band.atMost + 1e-12) return band.label;
  return 'intermittent';
}

/**
 * Where serving looks for a series' weights: its own segment, then the other history lengths of its zero band
 * nearest first (longer before shorter: a longer history supports every member a shorter one does), then the
 * coarser keys. A panel whose series are all long still teaches a mid-length request more than the pooled
 * weights, which the many shortened copies dominate. There are 15 segments, so each list is built once: serving
 * asks for one per series several times over, and building it each time was a tenth of a batch's allocations.
 */
export function lookupKeys(traits: HistoryTraits): readonly string[] {
  const zeros = zeroBand(traits.zeroShare);
  const own = LENGTH_BANDS.findIndex((b) => b.label === lengthBand(traits.length));
  const slot = own * ZERO_BANDS.length + ZERO_BANDS.findIndex((b) => b.label === zeros);
  return (lookupLists[slot] ??= Object.freeze(orderedKeys(own, zeros)));
}

const lookupLists: (readonly string[] | undefined)[] = new Array(LENGTH_BANDS.length * ZERO_BANDS.length);

function orderedKeys(own: number, zeros: ZeroBand): string[] {
  const order = LENGTH_BANDS.map((b, i) => ({ label: b.label, distance: Math.abs(i - own) + (i < own ? 0.5 : 0) })).sort((a, b) => a.distance - b.distance);
  return [...order.map((b) => `${b.label}|${zeros}`), `*|${zeros}`, '*|*'];
}

/** Keys from the most specific to the catch-all; the first one with a learnt entry applies. */
export function segmentKeys(traits: HistoryTraits): string[] {
  const length = lengthBand(traits.length);
  const zeros = zeroBand(traits.zeroShare);
  return [`${length}|${zeros}`, `*|${zeros}`, '*|*'];
}
