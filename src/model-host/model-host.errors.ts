import { DomainError } from '../common/domain-error';

/** The model does not reproduce its manifest's golden examples on this machine; it is never served. */
export class GoldenMismatchError extends DomainError {
  readonly code = 'GOLDEN_MISMATCH';
  readonly httpStatus = 503;

  constructor(
    readonly where: string,
    readonly mismatches: string[],
  ) {
    super(`${where} does not reproduce its golden examples: ${mismatches.join('; ')}`, mismatches);
  }
}

/** No verified model can answer yet (loading, registry unreachable, refused, or shutting down). */
export class ModelNotReadyError extends DomainError {
  readonly code = 'MODEL_NOT_READY';
  readonly httpStatus = 503;

  constructor(reason: string, model: { name: string; version?: number }) {
    super(`the model is not ready: ${reason}`, { reason, model });
  }
}
