import { onnx } from 'onnx-proto';
import { EnsembleOffset, TreeEnsemble, treeEnsembleProblems } from '../gbdt/tree-ensemble';

export interface TreeEnsembleExportOptions {
  featureCount: number;
  inputName?: string;
  outputName?: string;
  producer?: string;
}

// IR 8 / ai.onnx.ml 3 is what onnxmltools emits for LightGBM today and what onnxruntime 1.x loads.
const IR_VERSION = 8;
const DEFAULT_OPSET = 17;
const ML_DOMAIN = 'ai.onnx.ml';
const ML_OPSET = 3;
const { AttributeType } = onnx.AttributeProto;

function floatTensor(name: string, dims: onnx.TensorShapeProto.IDimension[]): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims } } } };
}

const ints = (name: string, values: number[]): onnx.IAttributeProto => ({ name, type: AttributeType.INTS, ints: values });
const floats = (name: string, values: number[]): onnx.IAttributeProto => ({ name, type: AttributeType.FLOATS, floats: values });
const int = (name: string, value: number): onnx.IAttributeProto => ({ name, type: AttributeType.INT, i: value });
const text = (name: string, value: string): onnx.IAttributeProto => ({ name, type: AttributeType.STRING, s: Buffer.from(value, 'utf8') });
const texts = (name: string, values: string[]): onnx.IAttributeProto => ({
  name,
  type: AttributeType.STRINGS,
  strings: values.map((v) => Buffer.from(v, 'utf8')),
});

/** The TreeEnsembleRegressor attributes, node by node in tree order (attributes in alphabetical order). */
function treeAttributes(ensemble: TreeEnsemble): onnx.IAttributeProto[] {
  const n = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    values: [] as number[],
    modes: [] as string[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTracksTrue: [] as number[],
    hitRates: [] as number[],
  };
  const target = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  ensemble.trees.forEach((tree, treeId) => {
    tree.nodes.forEach((node, nodeId) => {
      n.treeIds.push(treeId);
      n.nodeIds.push(nodeId);
      n.hitRates.push(1);
      n.missingTracksTrue.push(0);
      if (node.kind === 'split') {
        n.featureIds.push(node.featureIndex);
        n.values.push(node.threshold);
        n.modes.push('BRANCH_LEQ');
        n.trueIds.push(node.left);
        n.falseIds.push(node.right);
      } else {
        n.featureIds.push(0);
        n.values.push(0);
        n.modes.push('LEAF');
        n.trueIds.push(0);
        n.falseIds.push(0);
        target.treeIds.push(treeId);
        target.nodeIds.push(nodeId);
        target.ids.push(0);
        target.weights.push(node.value);
      }
    });
  });
  return [
    text('aggregate_function', 'SUM'),
    floats('base_values', [ensemble.baseValue]),
    int('n_targets', 1),
    ints('nodes_falsenodeids', n.falseIds),
    ints('nodes_featureids', n.featureIds),
    floats('nodes_hitrates', n.hitRates),
    ints('nodes_missing_value_tracks_true', n.missingTracksTrue),
    texts('nodes_modes', n.modes),
    ints('nodes_nodeids', n.nodeIds),
    ints('nodes_treeids', n.treeIds),
    ints('nodes_truenodeids', n.trueIds),
    floats('nodes_values', n.values),
    text('post_transform', 'NONE'),
    ints('target_ids', target.ids),
    ints('target_nodeids', target.nodeIds),
    ints('target_treeids', target.treeIds),
    floats('target_weights', target.weights),
  ];
}

/** prediction = trees + weight × features[:, k]: Gather the column, scale it, add it to the trees' output. */
function offsetGraph(offset: EnsembleOffset, inputName: string, treesName: string, outputName: string): Pick<onnx.IGraphProto, 'node' | 'initializer'> {
  return {
    node: [
      { name: 'OffsetColumn', opType: 'Gather', input: [inputName, 'offset_index'], output: ['offset_column'], attribute: [int('axis', 1)] },
      { name: 'OffsetScale', opType: 'Mul', input: ['offset_column', 'offset_weight'], output: ['offset_term'] },
      { name: 'OffsetAdd', opType: 'Add', input: [treesName, 'offset_term'], output: [outputName] },
    ],
    initializer: [
      { name: 'offset_index', dataType: onnx.TensorProto.DataType.INT64, dims: [1], int64Data: [offset.featureIndex] },
      { name: 'offset_weight', dataType: onnx.TensorProto.DataType.FLOAT, dims: [], floatData: [offset.weight] },
    ],
  };
}

/**
 * Serialises the ensemble as an ONNX model: one ai.onnx.ml TreeEnsembleRegressor from `features` float[batch, F]
 * to `prediction` float[batch, 1], plus an offset column when the ensemble has one. The bytes depend only on the
 * arguments (no timestamps), so equal ensembles give equal sha256.
 */
export function exportTreeEnsembleOnnx(ensemble: TreeEnsemble, options: TreeEnsembleExportOptions): Buffer {
  const { featureCount, inputName = 'features', outputName = 'prediction', producer = 'demand-forecast-training' } = options;
  if (!Number.isInteger(featureCount) || featureCount < 1) throw new RangeError(`featureCount must be a positive integer, got ${featureCount}`);
  if (ensemble.trees.length === 0) throw new RangeError('a tree ensemble needs at least one tree to export');
  const problems = treeEnsembleProblems(ensemble, featureCount);
  if (problems.length > 0) throw new RangeError(`tree ensemble cannot be exported: ${problems.slice(0, 5).join('; ')}`);

  const treesName = ensemble.offset ? 'tree_output' : outputName;
  const offset = ensemble.offset ? offsetGraph(ensemble.offset, inputName, treesName, outputName) : { node: [], initializer: [] };
  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    producerName: producer,
    opsetImport: [
      { domain: '', version: DEFAULT_OPSET },
      { domain: ML_DOMAIN, version: ML_OPSET },
    ],
    graph: {
      name: 'tree_ensemble_regressor',
      node: [
        {
          name: 'TreeEnsembleRegressor',
          opType: 'TreeEnsembleRegressor',
          domain: ML_DOMAIN,
          input: [inputName],
          output: [treesName],
          attribute: treeAttributes(ensemble),
        },
        ...offset.node!,
      ],
      ...(offset.initializer!.length > 0 ? { initializer: offset.initializer } : {}),
      input: [floatTensor(inputName, [{ dimParam: 'batch' }, { dimValue: featureCount }])],
      output: [floatTensor(outputName, [{ dimParam: 'batch' }, { dimValue: 1 }])],
    },
  };
  return Buffer.from(onnx.ModelProto.encode(model).finish());
}
