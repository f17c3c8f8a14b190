import { BinnedMatrix } from './feature-binning';
import { BINS_PER_FEATURE, NodeOrderedRows } from './node-ordered-rows';
import { Tree, TreeNode } from './tree-ensemble';

export interface GrowthParameters {
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  learningRate: number;
}

/** A grown tree in bin space (to update training predictions) and in value space (to export). */
export interface GrownTree {
  tree: Tree;
  /** Per node: split feature, or -1 for a leaf. */
  feature: Int32Array;
  /** Per node: rows with bin <= splitBin go left. */
  splitBin: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
  leftGradient: number;
  leftHessian: number;
  leftCount: number;
}

/**
 * Grows one depth-limited regression tree on gradient/hessian histograms, depth first, reusing its buffers
 * across trees. Histogram subtraction: only the smaller child's histogram is built from rows; the larger one is
 * parent - smaller, computed in the parent's buffer. Split ties go to the lower feature, then the lower bin.
 */
export class TreeGrower {
  /** Per-bin sums interleaved as [gradient, hessian] or, with weights, [gradient, hessian, count]. */
  private readonly stride: number;
  private readonly histogramSize: number;
  private readonly pool: Float64Array[] = [];
  private readonly rows: NodeOrderedRows;
  private nodes: { feature: number; bin: number; left: number; right: number; value: number }[] = [];
  private features!: Int32Array;

  constructor(
    private readonly matrix: BinnedMatrix,
    private readonly weighted: boolean,
    private readonly params: GrowthParameters,
  ) {
    this.stride = weighted ? 3 : 2;
    this.histogramSize = matrix.columnCount * BINS_PER_FEATURE * this.stride;
    this.rows = new NodeOrderedRows(matrix);
  }

  /**
   * `rows` are the row indices this tree learns from, `features` the columns it may split on; `gradients` holds
   * weight * residual per row and `hessians` the weights (undefined: all 1).
   */
  grow(rows: Uint32Array, gradients: Float64Array, hessians: Float64Array | undefined, features: Int32Array): GrownTree {
    this.rows.load(rows, gradients, hessians);
    this.features = features;
    this.nodes = [];
    const root = this.acquire();
    this.rows.build(root, 0, rows.length);
    const [gradient, hessian] = this.rows.sums(0, rows.length);
    this.grownNode(0, rows.length, 0, root, gradient, hessian);
    this.release(root);
    return this.toGrownTree();
  }

  private grownNode(start: number, end: number, depth: number, histogram: Float64Array | undefined, gradient: number, hessian: number): number {
    const index = this.nodes.length;
    const node = { feature: -1, bin: -1, left: -1, right: -1, value: 0 };
    this.nodes.push(node);
    const count = end - start;
    const split = histogram ? this.bestSplit(histogram, gradient, hessian, count) : undefined;
    if (!split) {
      node.value = Math.fround((this.params.learningRate * gradient) / (hessian + this.params.l2));
      return index;
    }
    node.feature = split.feature;
    node.bin = split.bin;
    const leftSums = [split.leftGradient, split.leftHessian] as const;
    const rightSums = [gradient - split.leftGradient, hessian - split.leftHessian] as const;
    const childrenSplit = depth + 1 < this.params.maxDepth;
    const splittable = (n: number) => childrenSplit && n >= 2 * this.params.minSamplesLeaf;
    // Children that cannot split need neither their rows grouped nor a histogram: a leaf's value comes from the
    // sums the split found, and training predictions are updated by walking the finished tree.
    const growChildren = splittable(split.leftCount) || splittable(count - split.leftCount);
    const middle = growChildren ? this.rows.partition(start, end, split.feature, split.bin) : start + split.leftCount;
    const smallerIsLeft = middle - start <= end - middle;
    const [smallStart, smallEnd] = smallerIsLeft ? [start, middle] : [middle, end];
    const [largeStart, largeEnd] = smallerIsLeft ? [middle, end] : [start, middle];

    let small: Float64Array | undefined;
    if (growChildren) {
      small = this.acquire();
      this.rows.build(small, smallStart, smallEnd);
      this.subtract(histogram!, small);
    }
    const smallSums = smallerIsLeft ? leftSums : rightSums;
    const largeSums = smallerIsLeft ? rightSums : leftSums;
    const smallChild = this.grownNode(smallStart, smallEnd, depth + 1, splittable(smallEnd - smallStart) ? small : undefined, ...smallSums);
    if (small) this.release(small);
    const largeChild = this.grownNode(largeStart, largeEnd, depth + 1, splittable(largeEnd - largeStart) ? histogram : undefined, ...largeSums);
    node.left = smallerIsLeft ? smallChild : largeChild;
    node.right = smallerIsLeft ? largeChild : smallChild;
    return index;
  }

  private bestSplit(histogram: Float64Array, gradient: number, hessian: number, count: number): Split | undefined {
    const { l2, minSamplesLeaf } = this.params;
    const stride = this.stride;
    const countSlot = this.weighted ? 2 : 1;
    const parentScore = (gradient * gradient) / (hessian + l2);
    let best: Split | undefined;
    for (let k = 0; k < this.features.length; k++) {
      const feature = this.features[k];
      // Splitting at the last value bin (bound FLOAT32_MAX) separates present values from missing ones.
      const lastSplitBin = this.matrix.upperBounds[feature].length - 1;
      let offset = feature * BINS_PER_FEATURE * stride;
      let leftGradient = 0;
      let leftHessian = 0;
      let leftCount = 0;
      for (let bin = 0; bin <= lastSplitBin; bin++, offset += stride) {
        leftGradient += histogram[offset];
        leftHessian += histogram[offset + 1];
        leftCount += histogram[offset + countSlot];
        if (leftCount < minSamplesLeaf) continue;
        if (count - leftCount < minSamplesLeaf) break;
        const leftDenominator = leftHessian + l2;
        const rightDenominator = hessian - leftHessian + l2;
        if (leftDenominator <= 0 || rightDenominator <= 0) continue;
        const rightGradient = gradient - leftGradient;
        const childScore = (leftGradient * leftGradient) / leftDenominator + (rightGradient * rightGradient) / rightDenominator;
        const gain = childScore - parentScore;
        // A split of a node whose residuals are already equal has zero gain up to rounding; never take it.
        if (gain > (best?.gain ?? 0) && gain > 1e-10 * childScore) best = { feature, bin, gain, leftGradient, leftHessian, leftCount };
      }
    }
    return best;
  }

  private subtract(from: Float64Array, histogram: Float64Array): void {
    for (let i = 0; i < from.length; i++) from[i] -= histogram[i];
  }

  private acquire(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.histogramSize);
  }

  private release(histogram: Float64Array): void {
    this.pool.push(histogram);
  }

  private toGrownTree(): GrownTree {
    const count = this.nodes.length;
    const grown: GrownTree = {
      tree: { nodes: [] },
      feature: new Int32Array(count),
      splitBin: new Int32Array(count),
      left: new Int32Array(count),
      right: new Int32Array(count),
      value: new Float64Array(count),
    };
    this.nodes.forEach((node, i) => {
      grown.feature[i] = node.feature;
      grown.splitBin[i] = node.bin;
      grown.left[i] = node.left;
      grown.right[i] = node.right;
      grown.value[i] = node.value;
      const exported: TreeNode =
        node.feature < 0
          ? { kind: 'leaf', value: node.value }
          : { kind: 'split', featureIndex: node.feature, threshold: this.matrix.upperBounds[node.feature][node.bin], left: node.left, right: node.right };
      grown.tree.nodes.push(exported);
    });
    return grown;
  }
}
