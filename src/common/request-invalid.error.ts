import { DomainError } from './domain-error';

/** One offending field of a request and the rule it breaks, e.g. `series[2].history.values[5]`. */
export interface Violation {
  field: string;
  rule: string;
}

/** At most this many violations are listed; `violationCount` says how many there were in all. */
export const MAX_REPORTED_VIOLATIONS = 100;

/**
 * A request the service will not act on; the body lists the violations (the first MAX_REPORTED_VIOLATIONS) so
 * a client can fix them all at once, and counts them, so a hostile body cannot make the answer as big as itself.
 */
export class RequestInvalidError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly httpStatus = 400;
  readonly violations: Violation[];

  constructor(violations: Violation[], violationCount = violations.length) {
    const listed = violations.length > MAX_REPORTED_VIOLATIONS ? violations.slice(0, MAX_REPORTED_VIOLATIONS) : violations;
    const total = Math.max(violationCount, violations.length);
    super(
      total === 1 ? `${listed[0].field} ${listed[0].rule}` : `${total} fields are invalid; see violations`,
      total > listed.length ? { violations: listed, violationCount: total } : { violations: listed },
    );
    this.violations = listed;
  }
}
