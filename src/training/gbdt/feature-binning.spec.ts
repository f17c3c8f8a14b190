import { binMatrix, FLOAT32_MAX, NAN_BIN } from './feature-binning';
import { seededRandom } from '../../core/seeded-random';

describe('binMatrix', () => {
  it('gives each distinct value its own bin when there are few, bounded by the value itself', () => {
    const data = Float32Array.from([3, 1, NaN, 2, 1, 3]);
    const binned = binMatrix(data, 6, 1, 10);
    expect(Array.from(binned.upperBounds[0])).toEqual([1, 2, FLOAT32_MAX]);
    expect(Array.from(binned.bins)).toEqual([2, 0, NAN_BIN, 1, 0, 2]);
  });

  it('keeps at most maxBins value bins and makes "bin <= b" equal to "x <= bound[b]" in float32', () => {
    const random = seededRandom(3);
    const rows = 5000;
    const data = Float32Array.from({ length: rows * 2 }, (_, i) => (i % 2 === 0 ? random() * 100 : Math.floor(random() * 7)));
    const binned = binMatrix(data, rows, 2, 16);
    expect(binned.upperBounds[0].length).toBeLessThanOrEqual(16);
    expect(binned.upperBounds[1].length).toBe(7);
    for (let f = 0; f < 2; f++) {
      const bounds = binned.upperBounds[f];
      const mismatches: string[] = [];
      for (let row = 0; row < rows; row++) {
        const x = data[row * 2 + f];
        const bin = binned.bins[row * 2 + f];
        for (let b = 0; b < bounds.length; b++) if (bin <= b !== x <= bounds[b]) mismatches.push(`row ${row} x=${x} bin ${bin} vs bound ${b}`);
      }
      expect(mismatches).toEqual([]);
      // Bounds are training values (or FLOAT32_MAX), so they survive float32 export unchanged.
      bounds.forEach((bound) => expect(bound === FLOAT32_MAX || Array.from(data).includes(bound)).toBe(true));
    }
  });

  it('bins NaN and +Infinity above every value bin and -Infinity in the first, as float32 comparisons order them', () => {
    const data = Float32Array.from([0, 1, 2, NaN, Infinity, -Infinity, 1e38, 3.4e38]);
    const binned = binMatrix(data, data.length, 1, 4);
    expect(Array.from(binned.upperBounds[0])).toEqual([0, 1, 2, FLOAT32_MAX]);
    expect(Array.from(binned.bins)).toEqual([0, 1, 2, NAN_BIN, NAN_BIN, 0, 3, 3]);
  });

  it('puts every row of an all-missing feature in the NaN bin', () => {
    const binned = binMatrix(Float32Array.from([NaN, 1, NaN, 2]), 2, 2, 8);
    expect(binned.upperBounds[0].length).toBe(0);
    expect(Array.from(binned.bins)).toEqual([NAN_BIN, 0, NAN_BIN, 1]);
  });

  it.each([1, 256, 2.5])('refuses %p bins', (bins) => {
    expect(() => binMatrix(new Float32Array(4), 4, 1, bins)).toThrow(/bins must be an integer in 2..255/);
  });
});
