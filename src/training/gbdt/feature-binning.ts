/** Bin of a missing value (and of +Infinity); above every value bin, so "bin <= b" sends it right as ONNX does. */
export const NAN_BIN = 255;
/** Bound of every feature's last value bin, so splitting there separates present from missing values. */
export const FLOAT32_MAX = 3.4028234663852886e38;
export const MAX_VALUE_BINS = 255;

// Cut points come from an evenly strided sample: sorting 27 float32 columns of 200k values measured ~0.4 s on
// a quiet core, 50k a quarter of that, and 50k values still put ~200 rows behind each of 255 quantiles.
const QUANTILE_SAMPLE = 50_000;

/**
 * The training matrix as small integers, row-major like the input: histogram passes visit the scattered rows of
 * one tree node, and one row's bins then share a cache line. Measured against a column-major layout on 500k x 27:
 * 1.4x faster per histogram, and no transposition after binning.
 */
export interface BinnedMatrix {
  rowCount: number;
  columnCount: number;
  /** bins[row * columnCount + feature]: value bin 0..upperBounds[feature].length-1, or NAN_BIN. */
  bins: Uint8Array;
  /**
   * Per feature, the largest training value in each value bin (float32 values taken from the data), except the
   * last bin's, which is FLOAT32_MAX. A row is in the first bin whose bound it does not exceed, so "bin <= b" is
   * exactly "x <= upperBounds[f][b]" in float32, for every b, NaN and infinities included.
   */
  upperBounds: Float32Array[];
}

function valueBinBounds(sorted: Float32Array, maxBins: number): Float32Array {
  const n = sorted.length;
  if (n === 0) return new Float32Array(0);
  const bounds: number[] = [];
  let binsLeft = maxBins;
  let i = 0;
  while (i < n) {
    // Each bin takes an equal share of the rows still unassigned, extended to the end of a run of equal values.
    const share = Math.max(1, Math.floor((n - i) / binsLeft));
    let end = Math.min(n, i + share) - 1;
    const value = sorted[end];
    while (end + 1 < n && sorted[end + 1] === value) end++;
    bounds.push(value);
    binsLeft = Math.max(1, binsLeft - 1);
    i = end + 1;
  }
  // Unsampled rows may exceed the sample's maximum; the last bin takes every finite value above the previous bound.
  bounds[bounds.length - 1] = FLOAT32_MAX;
  return Float32Array.from(bounds);
}

/**
 * Branch-free binary search over each feature's bounds padded to 256 with +Infinity: the bin is the number of
 * bounds below the value; only NaN and +Infinity get past the last bound. Measured 3-4x faster than a branching
 * search on random data.
 */
function binRows(data: Float32Array, rowCount: number, columnCount: number, upperBounds: Float32Array[]): Uint8Array {
  const padded = new Float32Array(columnCount * 256).fill(Number.POSITIVE_INFINITY);
  const valueBins = new Int32Array(columnCount);
  upperBounds.forEach((bounds, f) => {
    padded.set(bounds, f * 256);
    valueBins[f] = bounds.length;
  });
  const rowBins = new Uint8Array(rowCount * columnCount);
  for (let i = 0, row = 0; row < rowCount; row++) {
    for (let f = 0; f < columnCount; f++, i++) {
      const v = data[i];
      const b = f << 8;
      let p = 0;
      p += 128 * +(v > padded[b + p + 127]);
      p += 64 * +(v > padded[b + p + 63]);
      p += 32 * +(v > padded[b + p + 31]);
      p += 16 * +(v > padded[b + p + 15]);
      p += 8 * +(v > padded[b + p + 7]);
      p += 4 * +(v > padded[b + p + 3]);
      p += 2 * +(v > padded[b + p + 1]);
      p += +(v > padded[b + p]);
      rowBins[i] = v !== v || p >= valueBins[f] ? NAN_BIN : p;
    }
  }
  return rowBins;
}

/** Quantile-bins every feature of a row-major float32 matrix into at most `maxBins` value bins plus NAN_BIN. */
export function binMatrix(data: Float32Array, rowCount: number, columnCount: number, maxBins: number): BinnedMatrix {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_VALUE_BINS) {
    throw new RangeError(`bins must be an integer in 2..${MAX_VALUE_BINS}, got ${maxBins}`);
  }
  const stride = Math.max(1, Math.floor(rowCount / QUANTILE_SAMPLE));
  const sample = new Float32Array(Math.ceil(rowCount / stride));
  const upperBounds: Float32Array[] = [];
  for (let f = 0; f < columnCount; f++) {
    let size = 0;
    for (let row = 0; row < rowCount; row += stride) {
      const value = data[row * columnCount + f];
      if (value - value === 0) sample[size++] = value; // finite only: infinities would make useless bounds
    }
    // A mostly-missing feature can have no value in the sample but some outside it; those few are the sample then.
    if (size === 0 && stride > 1) {
      for (let row = 0; row < rowCount && size < sample.length; row++) {
        const value = data[row * columnCount + f];
        if (value - value === 0) sample[size++] = value; // finite only: infinities would make useless bounds
      }
    }
    upperBounds.push(valueBinBounds(sample.subarray(0, size).sort(), maxBins));
  }
  return { rowCount, columnCount, bins: binRows(data, rowCount, columnCount, upperBounds), upperBounds };
}
