import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelManifest } from '../../registry/model-manifest';
import { CandidateVerificationError, verifyOnnxCandidate } from './verify-onnx-candidate';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/registry/demand-forecast/1');

async function fixture(): Promise<{ onnx: Buffer; manifest: ModelManifest }> {
  const [onnx, manifest] = await Promise.all([
    fs.readFile(path.join(FIXTURE, 'model.onnx')),
    fs.readFile(path.join(FIXTURE, 'manifest.json'), 'utf8'),
  ]);
  return { onnx, manifest: JSON.parse(manifest) as ModelManifest };
}

describe('verifyOnnxCandidate', () => {
  it('accepts a model that reproduces its golden examples through the serving path', async () => {
    const { onnx, manifest } = await fixture();
    await expect(verifyOnnxCandidate(onnx, manifest)).resolves.toBeUndefined();
  });

  it('refuses a model whose golden example differs beyond the tolerance, naming the example', async () => {
    const { onnx, manifest } = await fixture();
    const example = manifest.golden[0];
    example.expected[0][0] = example.expected[0][0] * 1.01 + 1;
    await expect(verifyOnnxCandidate(onnx, manifest)).rejects.toThrow(CandidateVerificationError);
    await expect(verifyOnnxCandidate(onnx, manifest)).rejects.toThrow(new RegExp(`"${example.name}" series 0 step 1`));
  });

  it('refuses a model whose graph does not have the input the manifest names', async () => {
    const { onnx, manifest } = await fixture();
    manifest.io.input.name = 'not_the_input';
    await expect(verifyOnnxCandidate(onnx, manifest)).rejects.toThrow(/graph has no input "not_the_input"/);
  });
});
