import { binMatrix } from './feature-binning';
import { BINS_PER_FEATURE, NodeOrderedRows } from './node-ordered-rows';
import { seededRandom } from '../../core/seeded-random';

function naiveHistogram(bins: Uint8Array, columns: number, rows: number[], gradients: number[], weighted: boolean, hessians: number[]): Float64Array {
  const stride = weighted ? 3 : 2;
  const histogram = new Float64Array(columns * BINS_PER_FEATURE * stride);
  rows.forEach((row, i) => {
    for (let f = 0; f < columns; f++) {
      const slot = (f * BINS_PER_FEATURE + bins[row * columns + f]) * stride;
      histogram[slot] += gradients[i];
      histogram[slot + 1] += weighted ? hessians[i] : 1;
      if (weighted) histogram[slot + 2] += 1;
    }
  });
  return histogram;
}

describe('NodeOrderedRows', () => {
  const random = seededRandom(2);
  const rowCount = 300;
  const columns = 5; // not a multiple of 4, so records carry padding
  const data = Float32Array.from({ length: rowCount * columns }, () => (random() < 0.1 ? Number.NaN : Math.floor(random() * 12)));
  const matrix = binMatrix(data, rowCount, columns, 8);
  const gradients = Float64Array.from({ length: rowCount }, () => random() - 0.5);
  const weights = Float64Array.from({ length: rowCount }, () => random());
  const sampled = Uint32Array.from({ length: rowCount }, (_, i) => i).filter((i) => i % 3 !== 0);

  it.each([false, true])('partitions stably and builds the same histograms as a naive count (weighted: %p)', (weighted) => {
    const ordered = new NodeOrderedRows(matrix);
    ordered.load(sampled, gradients, weighted ? weights : undefined);
    const middle = ordered.partition(0, sampled.length, 2, 4);
    const left = Array.from(sampled).filter((row) => matrix.bins[row * columns + 2] <= 4);
    const right = Array.from(sampled).filter((row) => matrix.bins[row * columns + 2] > 4);
    expect(middle).toBe(left.length);

    for (const [start, end, rows] of [[0, middle, left], [middle, sampled.length, right]] as const) {
      const histogram = new Float64Array(columns * BINS_PER_FEATURE * (weighted ? 3 : 2));
      ordered.build(histogram, start, end);
      const expected = naiveHistogram(matrix.bins, columns, rows, rows.map((r) => gradients[r]), weighted, rows.map((r) => weights[r]));
      expect(Array.from(histogram)).toEqual(Array.from(expected));
      const [g, h] = ordered.sums(start, end);
      expect(g).toBeCloseTo(rows.reduce((sum, r) => sum + gradients[r], 0), 12);
      expect(h).toBeCloseTo(rows.reduce((sum, r) => sum + (weighted ? weights[r] : 1), 0), 12);
    }
  });
});
