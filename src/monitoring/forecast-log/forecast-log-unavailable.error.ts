import { DomainError } from '../../common/domain-error';

/** The forecast log could not be read or a claim not written: nothing was scored, and the actuals can be posted again. */
export class ForecastLogUnavailableError extends DomainError {
  readonly code = 'FORECAST_LOG_UNAVAILABLE';
  readonly httpStatus = 503;
}
