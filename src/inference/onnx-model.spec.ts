/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ModelManifest } from '../registry/model-manifest';
import { OnnxModel } from './onnx-model';
import { OnnxModelIncompatibleError } from './onnx-model-incompatible.error';

const versionDir = path.join(__dirname, '..', '..', 'test', 'fixtures', 'registry', 'demand-forecast', '1');
const manifest = JSON.parse(readFileSync(path.join(versionDir, 'manifest.json'), 'utf8')) as ModelManifest;
const modelPath = path.join(versionDir, 'model.onnx');
const threads = { intraOpThreads: 1, interOpThreads: 1 };

describe('OnnxModel (real onnxruntime-node on the fixture model)', () => {
  it('scores N rows in one run, one prediction per row, NaN features accepted', async () => {
    const model = await OnnxModel.load(modelPath, manifest.io, threads);
    const columns = manifest.features.names.length;
    const data = new Float32Array(3 * columns).fill(1);
    data[columns + 5] = Number.NaN;
    const predictions = await model.run(data, 3, columns);
    expect(predictions).toHaveLength(3);
    predictions.forEach((p) => expect(Number.isFinite(p)).toBe(true));
    await model.release();
  });

  it('refuses a graph whose input or output names differ from the manifest', async () => {
    const io = { input: { ...manifest.io.input, name: 'features_v2' }, output: { ...manifest.io.output, name: 'yhat' } };
    const loading = OnnxModel.load(modelPath, io, threads);
    await expect(loading).rejects.toBeInstanceOf(OnnxModelIncompatibleError);
    await expect(loading).rejects.toThrow(/no input "features_v2".*no output "yhat"/);
  });

  it('refuses a graph whose column count differs from the manifest', async () => {
    const io = { ...manifest.io, input: { ...manifest.io.input, shape: [null, manifest.features.names.length + 1] } };
    // Only graphs with a fixed column dimension can be checked; the fixture declares one.
    await expect(OnnxModel.load(modelPath, io, threads)).rejects.toThrow(/columns, the manifest says/);
  });
});
