import { DomainError } from './domain-error';
import { toErrorResponse } from './error-response';
import { RequestInvalidError } from './request-invalid.error';

class ThingBrokenError extends DomainError {
  readonly code = 'THING_BROKEN';
  readonly httpStatus = 503;
}

class InternalDetailsError extends DomainError {
  readonly code = 'INTERNAL_DETAILS';
  readonly httpStatus = 503;
}

function httpException(status: number, response: unknown, cause?: unknown) {
  return Object.assign(new Error('http'), { getStatus: () => status, getResponse: () => response, cause });
}

describe('toErrorResponse', () => {
  it('answers a DomainError with its status and code, and its object details as body fields', () => {
    const error = new RequestInvalidError([{ field: 'horizon', rule: 'must be an integer number' }]);
    expect(toErrorResponse(error)).toEqual({
      status: 400,
      unexpected: false,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
        message: 'horizon must be an integer number',
        violations: [{ field: 'horizon', rule: 'must be an integer number' }],
      },
    });
    expect(toErrorResponse(new ThingBrokenError('not yet', { reason: 'loading' })).body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'THING_BROKEN',
      message: 'the service cannot answer right now; retry later',
      reason: 'loading',
    });
  });

  it('keeps registry URLs, cache paths and source paths of a 503 for the logs only', () => {
    const error = new ThingBrokenError('the model is not ready: session_failed: /tmp/cache/model.onnx at /app/node_modules/onnxruntime-node/x.js:3', {
      reason: 'session_failed: https://acct.blob.core.windows.net/models/demand-forecast/1/model.onnx /tmp/cache',
      model: { name: 'demand-forecast', version: 1, path: '/tmp/cache' },
    });
    const response = toErrorResponse(error);
    expect(response.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'THING_BROKEN',
      message: 'the service cannot answer right now; retry later',
      reason: 'session_failed',
      model: { name: 'demand-forecast', version: 1 },
    });
    expect(response.logDetail).toContain('/tmp/cache/model.onnx');
  });

  it('keeps non-object details (internal problem lists) out of the body', () => {
    expect(toErrorResponse(new InternalDetailsError('refused', ['a', 'b'])).body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'INTERNAL_DETAILS',
      message: 'the service cannot answer right now; retry later',
    });
  });

  it.each([
    [httpException(404, { message: 'Cannot GET /x' }), 404, 'NOT_FOUND', 'Cannot GET /x'],
    [httpException(413, 'Request body is too large', { code: 'FST_ERR_CTP_BODY_TOO_LARGE' }), 413, 'PAYLOAD_TOO_LARGE', 'Request body is too large'],
    [httpException(415, 'Unsupported Media Type: text/plain', { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'the request body must be JSON, sent with content-type application/json'],
    [httpException(400, 'Body is not valid JSON', { code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), 400, 'INVALID_JSON', 'Body is not valid JSON'],
    [httpException(400, { message: ['a is bad', 'b is bad'] }), 400, 'BAD_REQUEST', 'a is bad; b is bad'],
    [Object.assign(new Error('too many'), { statusCode: 429 }), 429, 'TOO_MANY_REQUESTS', 'too many'],
    [new SyntaxError('Unexpected token'), 500, 'INTERNAL_ERROR', 'the service failed to answer; the error has been logged'],
  ])('maps framework error %# to %i %s', (error, status, code, message) => {
    const response = toErrorResponse(error);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, code, message });
  });

  it('answers anything unknown with a 500 that reveals nothing and flags it for logging', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'scale') at /app/dist/x.js:10:5");
    const response = toErrorResponse(error);
    expect(response).toEqual({
      status: 500,
      unexpected: true,
      body: { statusCode: 500, error: 'Internal Server Error', code: 'INTERNAL_ERROR', message: 'the service failed to answer; the error has been logged' },
    });
    expect(JSON.stringify(response.body)).not.toContain('scale');
    expect(toErrorResponse('a string').status).toBe(500);
    expect(toErrorResponse(undefined).status).toBe(500);
  });
});
