import { DomainError } from '../common/domain-error';

/** No verified model can answer yet (loading, registry unreachable, refused, or shutting down). */
export class ModelNotReadyError extends DomainError {
  readonly code = 'MODEL_NOT_READY';
  readonly httpStatus = 503;

  constructor(reason: string, model: { name: string; version?: number }) {
    super(`the model is not ready: ${reason}`, { reason, model });
  }
}
