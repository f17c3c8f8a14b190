import { DomainError } from '../common/domain-error';

/** One attempt to download model.onnx took longer than REGISTRY_DOWNLOAD_TIMEOUT_MS; retried like an outage. */
export class ModelDownloadTimeoutError extends DomainError {
  readonly code = 'MODEL_DOWNLOAD_TIMEOUT';
  readonly httpStatus = 503;
}
