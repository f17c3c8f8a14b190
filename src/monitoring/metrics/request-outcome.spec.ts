import { outcomeOf, REQUEST_OUTCOMES } from './request-outcome';

describe('outcomeOf', () => {
  it.each([
    [200, 'success'],
    [204, 'success'],
    [400, 'invalid_request'],
    [404, 'not_found'],
    [413, 'payload_too_large'],
    [415, 'unsupported_media_type'],
    [429, 'rate_limited'],
    [503, 'unavailable'],
    [405, 'client_error'],
    [500, 'server_error'],
    [502, 'server_error'],
  ])('maps status %d to %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });

  it('lists every outcome it can return once', () => {
    const returned = new Set([200, 400, 404, 413, 415, 429, 503, 418, 500].map(outcomeOf));
    expect(new Set(REQUEST_OUTCOMES)).toEqual(returned);
    expect(REQUEST_OUTCOMES.length).toBe(returned.size);
  });
});
