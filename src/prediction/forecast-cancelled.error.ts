import { DomainError } from '../common/domain-error';

/**
 * The client of a forecast left before its answer, and the slices of it not yet started were not scored. Nobody
 * reads the answer; 499 is nginx's "client closed request", so logs and request counts say what happened.
 */
export class ForecastCancelledError extends DomainError {
  readonly code = 'CLIENT_GONE';
  readonly httpStatus = 499;

  constructor() {
    super('the client left before its forecast was ready');
  }
}
