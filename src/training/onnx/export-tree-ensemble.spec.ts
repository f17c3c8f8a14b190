/**
 * @jest-environment ./test/fixtures/onnxruntime-jest-environment.js
 */
import { createHash } from 'node:crypto';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { predictTreeEnsemble, TreeEnsemble } from '../gbdt/tree-ensemble';
import { exportTreeEnsembleOnnx } from './export-tree-ensemble';

// Two trees over three features: tree 0 splits on x0 then x2, tree 1 splits on x1 only.
const ensemble: TreeEnsemble = {
  baseValue: 0.5,
  trees: [
    {
      nodes: [
        { kind: 'split', featureIndex: 0, threshold: 1.5, left: 1, right: 2 },
        { kind: 'leaf', value: -1 },
        { kind: 'split', featureIndex: 2, threshold: Math.fround(0.1), left: 3, right: 4 },
        { kind: 'leaf', value: 2.25 },
        { kind: 'leaf', value: Math.fround(3.3) },
      ],
    },
    {
      nodes: [
        { kind: 'split', featureIndex: 1, threshold: -2, left: 1, right: 2 },
        { kind: 'leaf', value: 0.125 },
        { kind: 'leaf', value: Math.fround(-0.7) },
      ],
    },
  ],
};

const rows = [
  [0, 0, 0],
  [1.5, -2, 0.1], // exactly on every threshold: all go left
  [Math.fround(1.5000001), -1.9999999, Math.fround(0.1) + 1e-7],
  [NaN, 0, 0], // NaN on the root split goes right
  [2, NaN, NaN],
  [NaN, NaN, NaN],
  [-100, -100, 100],
];

async function runOnnx(model: Buffer, data: Float32Array, rowCount: number): Promise<Float32Array> {
  const session = await InferenceSession.create(model);
  try {
    const result = await session.run({ features: new Tensor('float32', data, [rowCount, 3]) });
    expect(result.prediction.dims).toEqual([rowCount, 1]);
    return result.prediction.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('exportTreeEnsembleOnnx', () => {
  const data = Float32Array.from(rows.flat());

  it('scores in onnxruntime exactly as predictTreeEnsemble does, NaN included', async () => {
    const expected = predictTreeEnsemble(ensemble, data, rows.length, 3);
    const actual = await runOnnx(exportTreeEnsembleOnnx(ensemble, { featureCount: 3 }), data, rows.length);
    [-1.2, -0.375, 3.1, 2.05, 3.1, 3.1, -0.375].forEach((value, i) => expect(expected[i]).toBeCloseTo(value, 6));
    actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
  });

  it('adds the offset column times its weight after the trees, in onnxruntime as in predictTreeEnsemble', async () => {
    const withOffset: TreeEnsemble = { ...ensemble, offset: { featureIndex: 1, weight: 0.25 } };
    const finite = Float32Array.from([[0, 0, 0], [1.5, -2, 0.1], [2, 8, 0], [-100, -100, 100]].flat());
    const expected = predictTreeEnsemble(withOffset, finite, 4, 3);
    // trees give -1.2, -0.375, 2.05, -0.375; plus 0.25 * x1 = 0, -0.5, 2, -25
    [-1.2, -0.875, 4.05, -25.375].forEach((value, i) => expect(expected[i]).toBeCloseTo(value, 6));
    const actual = await runOnnx(exportTreeEnsembleOnnx(withOffset, { featureCount: 3 }), finite, 4);
    actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
    expect(() => exportTreeEnsembleOnnx({ ...ensemble, offset: { featureIndex: 3, weight: 1 } }, { featureCount: 3 })).toThrow(/offset featureIndex 3/);
  });

  it('accepts any batch size, including one row and zero rows', async () => {
    const model = exportTreeEnsembleOnnx(ensemble, { featureCount: 3 });
    expect(Array.from(await runOnnx(model, data.subarray(0, 3), 1))).toEqual([Math.fround(-1.2)]);
    expect(Array.from(await runOnnx(model, new Float32Array(0), 0))).toEqual([]);
  });

  it('writes the TreeEnsembleRegressor contract: ai.onnx.ml opset, dynamic batch, SUM, NaN to the false branch', () => {
    const model = onnx.ModelProto.decode(exportTreeEnsembleOnnx(ensemble, { featureCount: 3 }));
    expect(model.opsetImport.map((o) => `${o.domain}:${String(o.version)}`)).toEqual([':17', 'ai.onnx.ml:3']);
    const graph = model.graph as onnx.GraphProto;
    expect(graph.input[0].type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 3]);
    expect(graph.output[0].type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 1]);
    const node = graph.node[0] as onnx.NodeProto;
    expect(node.opType).toBe('TreeEnsembleRegressor');
    const attribute = (name: string) => node.attribute.find((a) => a.name === name) as onnx.AttributeProto;
    expect(Buffer.from(attribute('aggregate_function').s).toString()).toBe('SUM');
    expect(Buffer.from(attribute('post_transform').s).toString()).toBe('NONE');
    expect(attribute('nodes_missing_value_tracks_true').ints.map(Number)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(attribute('nodes_modes').strings.map((s) => Buffer.from(s).toString())).toEqual([
      'BRANCH_LEQ', 'LEAF', 'BRANCH_LEQ', 'LEAF', 'LEAF', 'BRANCH_LEQ', 'LEAF', 'LEAF',
    ]);
    expect(attribute('target_treeids').ints.map(Number)).toEqual([0, 0, 0, 1, 1]);
    expect(attribute('target_nodeids').ints.map(Number)).toEqual([1, 3, 4, 1, 2]);
  });

  it('is byte-deterministic: exporting twice gives the same sha256', () => {
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const copy = JSON.parse(JSON.stringify(ensemble)) as TreeEnsemble;
    expect(sha(exportTreeEnsembleOnnx(copy, { featureCount: 3 }))).toBe(sha(exportTreeEnsembleOnnx(ensemble, { featureCount: 3 })));
  });

  it.each([
    ['a threshold that float32 cannot hold', { baseValue: 0, trees: [{ nodes: [{ kind: 'split', featureIndex: 0, threshold: 0.1, left: 1, right: 2 }, { kind: 'leaf', value: 0 }, { kind: 'leaf', value: 1 }] }] }, /threshold 0.1 is not a float32/],
    ['a feature index beyond featureCount', { baseValue: 0, trees: [{ nodes: [{ kind: 'split', featureIndex: 3, threshold: 1, left: 1, right: 2 }, { kind: 'leaf', value: 0 }, { kind: 'leaf', value: 1 }] }] }, /featureIndex 3 is outside 0..2/],
    ['a child pointing back up', { baseValue: 0, trees: [{ nodes: [{ kind: 'split', featureIndex: 0, threshold: 1, left: 0, right: 1 }, { kind: 'leaf', value: 0 }] }] }, /child 0 must be a later node/],
    ['no trees', { baseValue: 0, trees: [] }, /at least one tree/],
  ] as [string, TreeEnsemble, RegExp][])('refuses %s', (_, bad, message) => {
    expect(() => exportTreeEnsembleOnnx(bad, { featureCount: 3 })).toThrow(message);
  });
});
