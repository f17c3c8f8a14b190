import { OnnxModelIncompatibleError } from '../inference/onnx-model-incompatible.error';
import { ManifestInvalidError } from '../registry/manifest-invalid.error';
import { ModelDownloadTimeoutError } from '../registry/model-download-timeout.error';
import { ModelChecksumMismatchError, ModelVersionNotFoundError, RegistryUnavailableError } from '../registry/registry.errors';
import { classifyLoadFailure } from './load-failure';
import { GoldenMismatchError } from '../prediction/golden-mismatch.error';

describe('classifyLoadFailure', () => {
  it.each([
    [new RegistryUnavailableError('down'), 'registry_unavailable', true],
    [new ModelVersionNotFoundError('no alias'), 'not_found', true],
    [new ModelDownloadTimeoutError('model.onnx took over 60000 ms'), 'timeout', true],
    [Object.assign(new Error('slow'), { name: 'TimeoutError' }), 'timeout', true],
    [new ManifestInvalidError('m version 1', ['bad']), 'manifest_invalid', false],
    [new ModelChecksumMismatchError('sha'), 'checksum_mismatch', false],
    [new GoldenMismatchError('m version 1', ['x']), 'golden_mismatch', false],
    [new OnnxModelIncompatibleError(['no input']), 'session_failed', false],
    [new Error('protobuf parsing failed'), 'session_failed', false],
  ])('%p is %s, retryable: %s', (error, reason, retryable) => {
    expect(classifyLoadFailure(error)).toEqual({ reason, retryable });
  });
});
