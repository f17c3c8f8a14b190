/** An inner node: rows with `x[featureIndex] <= threshold` go to `left`; larger values and NaN go to `right`. */
export interface SplitNode {
  kind: 'split';
  featureIndex: number;
  /** Exactly representable as float32, so ONNX's float32 comparison routes every row as training did. */
  threshold: number;
  /** Index of the child node within the same tree. */
  left: number;
  right: number;
}

export interface LeafNode {
  kind: 'leaf';
  /** Added to the prediction; float32-representable because ONNX stores leaf weights as float. */
  value: number;
}

export type TreeNode = SplitNode | LeafNode;

/** One regression tree as a flat node list; node 0 is the root. */
export interface Tree {
  nodes: TreeNode[];
}

/** A linear term on one input column, added to the trees' sum (exported as Gather, Mul and Add nodes). */
export interface EnsembleOffset {
  featureIndex: number;
  /** float32-representable, as ONNX stores it. */
  weight: number;
}

/** prediction(x) = baseValue + sum over trees of the value of the leaf x reaches (+ offset weight × x[offset column]). */
export interface TreeEnsemble {
  baseValue: number;
  trees: Tree[];
  offset?: EnsembleOffset;
}

function leafValue(tree: Tree, data: Float32Array, rowOffset: number): number {
  let node = tree.nodes[0];
  while (node.kind === 'split') {
    // `<=` is false for NaN, so missing values take the right (ONNX "false") branch.
    node = tree.nodes[data[rowOffset + node.featureIndex] <= node.threshold ? node.left : node.right];
  }
  return node.value;
}

/** Reference scoring with ONNX TreeEnsembleRegressor semantics (BRANCH_LEQ, NaN to the false branch, SUM). */
export function predictTreeEnsemble(
  ensemble: TreeEnsemble,
  data: Float32Array,
  rowCount: number,
  columnCount: number,
): Float64Array {
  if (data.length < rowCount * columnCount) {
    throw new RangeError(`data holds ${data.length} values, fewer than ${rowCount} rows x ${columnCount} columns`);
  }
  const predictions = new Float64Array(rowCount);
  const offset = ensemble.offset;
  for (let row = 0; row < rowCount; row++) {
    let sum = ensemble.baseValue;
    for (const tree of ensemble.trees) sum += leafValue(tree, data, row * columnCount);
    if (offset) sum += offset.weight * data[row * columnCount + offset.featureIndex];
    predictions[row] = sum;
  }
  return predictions;
}

/** Problems that would make the ensemble score differently in ONNX than here, or not at all. */
export function treeEnsembleProblems(ensemble: TreeEnsemble, featureCount: number): string[] {
  const problems: string[] = [];
  if (Math.fround(ensemble.baseValue) !== ensemble.baseValue) problems.push('baseValue is not a float32 value');
  const offset = ensemble.offset;
  if (offset) {
    if (!Number.isInteger(offset.featureIndex) || offset.featureIndex < 0 || offset.featureIndex >= featureCount) {
      problems.push(`offset featureIndex ${offset.featureIndex} is outside 0..${featureCount - 1}`);
    }
    if (!Number.isFinite(offset.weight) || Math.fround(offset.weight) !== offset.weight) problems.push('offset weight is not a finite float32 value');
  }
  ensemble.trees.forEach((tree, t) => {
    if (tree.nodes.length === 0) problems.push(`tree ${t} has no nodes`);
    tree.nodes.forEach((node, n) => {
      const where = `tree ${t} node ${n}`;
      if (node.kind === 'leaf') {
        if (Math.fround(node.value) !== node.value) problems.push(`${where}: leaf value is not a float32 value`);
        return;
      }
      if (!Number.isInteger(node.featureIndex) || node.featureIndex < 0 || node.featureIndex >= featureCount) {
        problems.push(`${where}: featureIndex ${node.featureIndex} is outside 0..${featureCount - 1}`);
      }
      if (Number.isNaN(node.threshold) || Math.fround(node.threshold) !== node.threshold) {
        problems.push(`${where}: threshold ${node.threshold} is not a float32 value`);
      }
      for (const child of [node.left, node.right]) {
        if (!Number.isInteger(child) || child <= n || child >= tree.nodes.length) {
          problems.push(`${where}: child ${child} must be a later node of the same tree`);
        }
      }
    });
  });
  return problems;
}
