import { DomainError } from './domain-error';

/** One offending field of a request and the rule it breaks, e.g. `series[2].history.values[5]`. */
export interface Violation {
  field: string;
  rule: string;
}

/** A request the service will not act on; the body lists every violation so a client can fix them all at once. */
export class RequestInvalidError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly httpStatus = 400;

  constructor(readonly violations: Violation[]) {
    super(
      violations.length === 1
        ? `${violations[0].field} ${violations[0].rule}`
        : `${violations.length} fields are invalid; see violations`,
      { violations },
    );
  }
}
