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
