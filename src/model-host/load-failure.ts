import { LoadFailureReason } from '../monitoring/forecast-observer';
import { ManifestInvalidError } from '../registry/manifest-invalid.error';
import { ModelDownloadTimeoutError } from '../registry/model-download-timeout.error';
import { ModelChecksumMismatchError, ModelVersionNotFoundError, RegistryUnavailableError } from '../registry/registry.errors';
import { OnnxModelIncompatibleError } from '../inference/onnx-model-incompatible.error';
import { GoldenMismatchError } from '../prediction/golden-mismatch.error';

export interface LoadFailure {
  reason: LoadFailureReason;
  /** Worth another attempt: the registry may come back, or the version may yet be registered. */
  retryable: boolean;
}

/** Classifies a load error for metrics and for the retry decision; a refused version is never retried. */
export function classifyLoadFailure(error: unknown): LoadFailure {
  // A subclass of RegistryUnavailableError, so it must be checked first to be counted apart.
  if (error instanceof ModelDownloadTimeoutError) return { reason: 'timeout', retryable: true };
  if (error instanceof RegistryUnavailableError) return { reason: 'registry_unavailable', retryable: true };
  if (error instanceof ModelVersionNotFoundError) return { reason: 'not_found', retryable: true };
  if (error instanceof ManifestInvalidError) return { reason: 'manifest_invalid', retryable: false };
  if (error instanceof ModelChecksumMismatchError) return { reason: 'checksum_mismatch', retryable: false };
  if (error instanceof GoldenMismatchError) return { reason: 'golden_mismatch', retryable: false };
  if (error instanceof OnnxModelIncompatibleError) return { reason: 'session_failed', retryable: false };
  if ((error as Error | undefined)?.name === 'TimeoutError') return { reason: 'timeout', retryable: true };
  // onnxruntime reports unloadable graphs as plain Errors; a broken file does not heal by retrying.
  return { reason: 'session_failed', retryable: false };
}
