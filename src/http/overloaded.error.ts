import { DomainError } from '../common/domain-error';

/** Seconds a client is told to wait (Retry-After) when the service refuses work it cannot take now. */
export const RETRY_AFTER_SECONDS = 1;

/** More work than the service takes at once: too many series in flight and the queue full, or a lagging loop. */
export class ServiceOverloadedError extends DomainError {
  readonly code = 'OVERLOADED';
  readonly httpStatus = 503;
}

/** A body sent with a Content-Encoding (gzip, ...): only identity-encoded JSON is accepted. */
export class ContentEncodingUnsupportedError extends DomainError {
  readonly code = 'UNSUPPORTED_CONTENT_ENCODING';
  readonly httpStatus = 415;
}
