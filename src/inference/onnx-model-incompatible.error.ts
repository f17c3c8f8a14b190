import { DomainError } from '../common/domain-error';

/** The ONNX graph does not have the input and output its manifest describes; the version is never served. */
export class OnnxModelIncompatibleError extends DomainError {
  readonly code = 'MODEL_INCOMPATIBLE';
  readonly httpStatus = 503;

  constructor(readonly problems: string[]) {
    super(`model graph does not match its manifest: ${problems.join('; ')}`, problems);
  }
}
