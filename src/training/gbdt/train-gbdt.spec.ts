/**
 * @jest-environment ./test/fixtures/onnxruntime-jest-environment.js
 */
import { createHash } from 'node:crypto';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { exportTreeEnsembleOnnx } from '../onnx/export-tree-ensemble';
import { FLOAT32_MAX } from './feature-binning';
import { seededRandom } from '../../core/seeded-random';
import { GbdtOptions, trainGbdt } from './train-gbdt';
import { predictTreeEnsemble, Tree, TreeEnsemble } from './tree-ensemble';

const base: GbdtOptions = {
  trees: 60,
  learningRate: 0.3,
  maxDepth: 3,
  minSamplesLeaf: 5,
  l2: 0,
  rowSubsample: 1,
  colSubsample: 1,
  bins: 64,
  seed: 1,
};

/** y = 1 if x0 <= 0.5; else 3 if x1 <= 2; else 5; x2 is noise. Values sit on grids so bins can be exact. */
function piecewise(rows: number, seed: number) {
  const random = seededRandom(seed);
  const data = new Float32Array(rows * 3);
  const targets = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    const [x0, x1, x2] = [Math.floor(random() * 20) / 20, Math.floor(random() * 16) / 4, random()];
    data.set([x0, x1, x2], row * 3);
    targets[row] = Math.fround(x0) <= 0.5 ? 1 : Math.fround(x1) <= 2 ? 3 : 5;
  }
  return { data, targets, rows };
}

async function onnxPredict(ensemble: TreeEnsemble, data: Float32Array, rows: number, columns: number): Promise<Float32Array> {
  const session = await InferenceSession.create(exportTreeEnsembleOnnx(ensemble, { featureCount: columns }));
  try {
    const result = await session.run({ features: new Tensor('float32', data, [rows, columns]) });
    return result.prediction.data as Float32Array;
  } finally {
    await session.release();
  }
}

function leafOf(tree: Tree, data: Float32Array, row: number, columns: number): number {
  let index = 0;
  for (let node = tree.nodes[0]; node.kind === 'split'; node = tree.nodes[index]) {
    index = data[row * columns + node.featureIndex] <= node.threshold ? node.left : node.right;
  }
  return index;
}

const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

describe('trainGbdt', () => {
  it('fits a known piecewise function, on training rows and on unseen rows', () => {
    const train = piecewise(2000, 1);
    const ensemble = trainGbdt(train.data, train.rows, 3, train.targets, base);
    const test = piecewise(500, 2);
    for (const set of [train, test]) {
      const predicted = predictTreeEnsemble(ensemble, set.data, set.rows, 3);
      const errors = Array.from(predicted, (p, i) => Math.abs(p - set.targets[i])).sort((a, b) => a - b);
      expect(errors[Math.floor(errors.length * 0.98)]).toBeLessThan(0.05);
    }
    // The first tree, fit to the largest residuals, splits on the informative features only.
    expect(ensemble.trees[0].nodes.every((n) => n.kind === 'leaf' || n.featureIndex !== 2)).toBe(true);
  });

  it('is deterministic: the same seed gives the same ensemble and the same ONNX bytes, another seed does not', () => {
    const { data, targets, rows } = piecewise(1500, 3);
    const options = { ...base, trees: 15, rowSubsample: 0.7, colSubsample: 0.67, seed: 42 };
    const first = trainGbdt(data, rows, 3, targets, options);
    const second = trainGbdt(data, rows, 3, targets, options);
    const other = trainGbdt(data, rows, 3, targets, { ...options, seed: 43 });
    expect(second).toEqual(first);
    expect(sha256(exportTreeEnsembleOnnx(second, { featureCount: 3 }))).toBe(sha256(exportTreeEnsembleOnnx(first, { featureCount: 3 })));
    expect(other).not.toEqual(first);
  });

  it('learns a value for missing features and onnxruntime routes NaN exactly as training and predictTreeEnsemble do', async () => {
    const random = seededRandom(5);
    const rows = 3000;
    const data = new Float32Array(rows * 2);
    const targets = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      const missing = random() < 0.2;
      const x0 = missing ? Number.NaN : Math.floor(random() * 10) + 0.5;
      const x1 = random() < 0.1 ? Number.NaN : random();
      data.set([x0, x1], row * 2);
      targets[row] = missing ? 10 : Math.fround(x0) <= 5 ? 0 : 2;
    }
    const ensemble = trainGbdt(data, rows, 2, targets, { ...base, trees: 40, maxDepth: 2 });
    const expected = predictTreeEnsemble(ensemble, data, rows, 2);
    for (let row = 0; row < rows; row++) expect(Math.abs(expected[row] - targets[row])).toBeLessThan(0.05);
    const actual = await onnxPredict(ensemble, data, rows, 2);
    actual.forEach((value, row) => expect(Math.abs(value - expected[row])).toBeLessThan(1e-5));
  });

  it('respects sample weights: conflicting targets meet at their weighted mean, zero weight is ignored', () => {
    const rows = 400;
    const data = new Float32Array(rows); // one constant feature: the model can only learn a mean
    const targets = Float64Array.from({ length: rows }, (_, i) => (i % 4 === 0 ? 0 : i % 4 === 1 ? 100 : 1));
    const weights = Float64Array.from({ length: rows }, (_, i) => (i % 4 === 0 ? 1 : i % 4 === 1 ? 0 : 1 / 3));
    const ensemble = trainGbdt(data, rows, 1, targets, { ...base, trees: 5, weights });
    // (1 * 0 + 2 * (1/3) * 1) / (1 + 2/3) = 0.4
    expect(predictTreeEnsemble(ensemble, data, 1, 1)[0]).toBeCloseTo(0.4, 5);
    const unweighted = trainGbdt(data, rows, 1, targets, { ...base, trees: 5 });
    expect(predictTreeEnsemble(unweighted, data, 1, 1)[0]).toBeCloseTo(25.5, 4);
  });

  it('lets weights move a split: a heavy group pulls its leaf toward its own target', () => {
    const rows = 200;
    const data = Float32Array.from({ length: rows }, (_, i) => (i < 100 ? 0 : 1));
    const targets = Float64Array.from({ length: rows }, (_, i) => (i < 100 ? (i % 2 === 0 ? 0 : 10) : 5));
    const weights = Float64Array.from({ length: rows }, (_, i) => (i < 100 && i % 2 === 1 ? 9 : 1));
    const ensemble = trainGbdt(data, rows, 1, targets, { ...base, trees: 30, maxDepth: 1, weights });
    const [low, high] = predictTreeEnsemble(ensemble, Float32Array.from([0, 1]), 2, 1);
    expect(low).toBeCloseTo(9, 2);
    expect(high).toBeCloseTo(5, 2);
  });

  it('keeps at least minSamplesLeaf training rows in every leaf and never grows past maxDepth', () => {
    const { data, targets, rows } = piecewise(1000, 7);
    const ensemble = trainGbdt(data, rows, 3, targets, { ...base, trees: 5, maxDepth: 4, minSamplesLeaf: 40 });
    for (const tree of ensemble.trees) {
      const counts = new Map<number, number>();
      for (let row = 0; row < rows; row++) {
        const leaf = leafOf(tree, data, row, 3);
        counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
      }
      expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(40);
      expect(counts.size).toBeLessThanOrEqual(16);
    }
  });

  it('uses only float32 values seen in training (or FLOAT32_MAX, "present") as thresholds', () => {
    const { data, targets, rows } = piecewise(800, 9);
    const seen = new Set(Array.from(data));
    const ensemble = trainGbdt(data, rows, 3, targets, { ...base, trees: 10 });
    for (const node of ensemble.trees.flatMap((t) => t.nodes)) {
      if (node.kind === 'split') expect(seen.has(node.threshold) || node.threshold === FLOAT32_MAX).toBe(true);
      else expect(Math.fround(node.value)).toBe(node.value);
    }
  });

  it('reports progress once per tree', () => {
    const { data, targets, rows } = piecewise(200, 11);
    const seen: number[] = [];
    trainGbdt(data, rows, 3, targets, { ...base, trees: 4, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it.each([
    [{ trees: 0 }, /trees must be a positive integer/],
    [{ learningRate: 0 }, /learningRate must be in \(0, 1\]/],
    [{ maxDepth: 0 }, /maxDepth must be an integer/],
    [{ rowSubsample: 1.5 }, /rowSubsample must be in/],
    [{ weights: new Float64Array(3) }, /weights must hold one value per row/],
    [{ bins: 300 }, /bins must be an integer in 2..255/],
  ] as [Partial<GbdtOptions>, RegExp][])('refuses %p', (override, message) => {
    const { data, targets, rows } = piecewise(20, 1);
    expect(() => trainGbdt(data, rows, 3, targets, { ...base, ...override })).toThrow(message);
  });

  it('refuses targets that are not finite', () => {
    expect(() => trainGbdt(new Float32Array(2), 2, 1, Float64Array.from([1, NaN]), base)).toThrow(/targets must be finite/);
  });
});
