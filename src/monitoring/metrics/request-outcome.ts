/**
 * How a request ended, as counted in `requests_total{outcome}`: one outcome per kind of answer a client can get,
 * derived from the HTTP status at the boundary so a request is counted once, whichever layer answered it
 * (Fastify's body parser, Nest's validation, the service, the not-found handler, a rate limiter).
 */
export const OUTCOME_BY_STATUS = {
  400: 'invalid_request',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
} as const;

export type RequestOutcome = 'success' | (typeof OUTCOME_BY_STATUS)[keyof typeof OUTCOME_BY_STATUS] | 'client_error' | 'server_error';

/** Every outcome, so counters can exist at 0 before the first request of a kind. */
export const REQUEST_OUTCOMES: readonly RequestOutcome[] = ['success', ...Object.values(OUTCOME_BY_STATUS), 'client_error', 'server_error'];

export function outcomeOf(statusCode: number): RequestOutcome {
  const known = (OUTCOME_BY_STATUS as Record<number, RequestOutcome>)[statusCode];
  if (known) return known;
  if (statusCode < 400) return 'success';
  return statusCode < 500 ? 'client_error' : 'server_error';
}
