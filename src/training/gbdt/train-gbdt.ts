import { binMatrix, BinnedMatrix } from './feature-binning';
import { sampleIndices, seededRandom } from '../../core/seeded-random';
import { TreeEnsemble } from './tree-ensemble';
import { GrownTree, TreeGrower } from './tree-grower';

export interface GbdtOptions {
  /** Non-negative sample weights (squared loss is weighted by them); default all 1. */
  weights?: Float64Array;
  trees: number;
  /** Shrinkage applied to every leaf value. */
  learningRate: number;
  /** A tree has at most 2^maxDepth leaves. */
  maxDepth: number;
  /** Fewest training rows (not weight) a leaf may hold. */
  minSamplesLeaf: number;
  /** L2 penalty on leaf values: leaf = learningRate * sum(w * residual) / (sum(w) + l2). */
  l2: number;
  /** Share of rows each tree learns from, drawn per tree with the seeded PRNG. */
  rowSubsample: number;
  /** Share of features each tree may split on. */
  colSubsample: number;
  /** Value bins per feature (at most 255); NaN always has a bin of its own that goes right. */
  bins: number;
  seed: number;
  /** Called after each tree with the number of trees done. */
  onProgress?: (treesDone: number) => void;
}

function optionProblems(o: GbdtOptions, rowCount: number): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => ok || problems.push(message);
  check(Number.isInteger(o.trees) && o.trees >= 1, 'trees must be a positive integer');
  check(o.learningRate > 0 && o.learningRate <= 1, 'learningRate must be in (0, 1]');
  check(Number.isInteger(o.maxDepth) && o.maxDepth >= 1 && o.maxDepth <= 16, 'maxDepth must be an integer in 1..16');
  check(Number.isInteger(o.minSamplesLeaf) && o.minSamplesLeaf >= 1, 'minSamplesLeaf must be a positive integer');
  check(o.l2 >= 0, 'l2 must be >= 0');
  check(o.rowSubsample > 0 && o.rowSubsample <= 1, 'rowSubsample must be in (0, 1]');
  check(o.colSubsample > 0 && o.colSubsample <= 1, 'colSubsample must be in (0, 1]');
  check(Number.isInteger(o.seed), 'seed must be an integer');
  if (o.weights) {
    check(o.weights.length === rowCount, `weights must hold one value per row (${rowCount})`);
    check(o.weights.every((w) => Number.isFinite(w) && w >= 0), 'weights must be finite and >= 0');
  }
  return problems;
}

function weightedMean(targets: Float64Array, weights: Float64Array | undefined): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < targets.length; i++) {
    const w = weights ? weights[i] : 1;
    sum += w * targets[i];
    total += w;
  }
  if (!(total > 0)) throw new RangeError('weights must not all be zero');
  return sum / total;
}

function addTree(predictions: Float64Array, grown: GrownTree, matrix: BinnedMatrix): void {
  const { bins, rowCount, columnCount } = matrix;
  const { feature, splitBin, left, right, value } = grown;
  for (let row = 0, cell = 0; row < rowCount; row++, cell += columnCount) {
    let node = 0;
    while (feature[node] >= 0) node = bins[cell + feature[node]] <= splitBin[node] ? left[node] : right[node];
    predictions[row] += value[node];
  }
}

function sampledRows(rowCount: number, share: number, random: () => number): Uint32Array {
  if (share >= 1) return Uint32Array.from({ length: rowCount }, (_, i) => i);
  const rows = new Uint32Array(rowCount);
  let size = 0;
  for (let row = 0; row < rowCount; row++) if (random() < share) rows[size++] = row;
  return rows.slice(0, Math.max(size, 1));
}

/**
 * Gradient-boosted regression trees with squared loss on a row-major float32 matrix. Deterministic: the same
 * inputs and seed give the same ensemble, bit for bit. Thresholds are float32 values from the data, so the
 * exported ONNX model routes every row exactly as training did (NaN to the right).
 */
export function trainGbdt(
  data: Float32Array,
  rowCount: number,
  columnCount: number,
  targets: Float64Array,
  options: GbdtOptions,
): TreeEnsemble {
  const problems = optionProblems(options, rowCount);
  if (data.length !== rowCount * columnCount) problems.push(`data must hold rowCount x columnCount = ${rowCount * columnCount} values`);
  if (targets.length !== rowCount) problems.push(`targets must hold one value per row (${rowCount})`);
  else if (!targets.every((t) => Number.isFinite(t))) problems.push('targets must be finite');
  if (rowCount < 1 || columnCount < 1) problems.push('the training matrix must have at least one row and one column');
  if (problems.length > 0) throw new RangeError(`cannot train: ${problems.join('; ')}`);

  const { weights } = options;
  const matrix = binMatrix(data, rowCount, columnCount, options.bins);
  const grower = new TreeGrower(matrix, weights !== undefined, options);
  const random = seededRandom(options.seed);
  const baseValue = Math.fround(weightedMean(targets, weights));
  const predictions = new Float64Array(rowCount).fill(baseValue);
  const gradients = new Float64Array(rowCount);
  const featureCount = Math.max(1, Math.round(options.colSubsample * columnCount));
  const ensemble: TreeEnsemble = { baseValue, trees: [] };

  for (let t = 0; t < options.trees; t++) {
    for (let row = 0; row < rowCount; row++) gradients[row] = targets[row] - predictions[row];
    if (weights) for (let row = 0; row < rowCount; row++) gradients[row] *= weights[row];
    const rows = sampledRows(rowCount, options.rowSubsample, random);
    const features = featureCount === columnCount ? Int32Array.from({ length: columnCount }, (_, i) => i) : sampleIndices(columnCount, featureCount, random);
    const grown = grower.grow(rows, gradients, weights, features);
    addTree(predictions, grown, matrix);
    ensemble.trees.push(grown.tree);
    options.onProgress?.(t + 1);
  }
  return ensemble;
}
