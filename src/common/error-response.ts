import { STATUS_CODES } from 'node:http';
import { DomainError } from './domain-error';

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  [detail: string]: unknown;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** True when the error is a bug rather than a client's or the model's state: log it with its stack. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  411: 'LENGTH_REQUIRED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

interface HttpExceptionLike {
  getStatus(): number;
  getResponse(): unknown;
}

function isHttpExceptionLike(error: unknown): error is HttpExceptionLike & Error {
  return typeof (error as HttpExceptionLike)?.getStatus === 'function' && typeof (error as HttpExceptionLike)?.getResponse === 'function';
}

function clientStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown; status?: unknown } | undefined)?.statusCode ?? (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function messageOf(error: unknown, fallback: string): string {
  if (isHttpExceptionLike(error)) {
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown })?.message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  const message = (error as Error | undefined)?.message;
  return typeof message === 'string' && message.length > 0 ? message : fallback;
}

// Nest wraps Fastify's own errors (body parser, media type) in an HttpException whose cause is the original.
function frameworkCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code ?? (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function codeForClientError(status: number, error: unknown): string {
  const code = frameworkCode(error);
  if (status === 400 && (error instanceof SyntaxError || (code !== undefined && /JSON/.test(code)))) return 'INVALID_JSON';
  return CODE_BY_STATUS[status] ?? 'CLIENT_ERROR';
}

const CLIENT_MESSAGES: Record<number, string> = {
  415: 'the request body must be JSON, sent with content-type application/json',
};

function body(status: number, code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', code, message, ...details };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The one mapping from anything thrown to an HTTP answer: DomainErrors by their code and status (object details
 * become body fields), framework and Fastify client errors by their status, everything else a 500 that says
 * nothing about the internals. Never includes a stack trace.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof DomainError) {
    const details = isPlainRecord(error.details) ? error.details : undefined;
    return { status: error.httpStatus, body: body(error.httpStatus, error.code, error.message, details), unexpected: error.httpStatus >= 500 && error.httpStatus !== 503 };
  }
  const status = isHttpExceptionLike(error) ? error.getStatus() : clientStatusOf(error);
  if (status !== undefined && status < 500) {
    const message = CLIENT_MESSAGES[status] ?? messageOf(error, STATUS_CODES[status] ?? 'client error');
    return { status, body: body(status, codeForClientError(status, error), message), unexpected: false };
  }
  if (status === 503) {
    return { status, body: body(status, 'SERVICE_UNAVAILABLE', messageOf(error, 'service unavailable')), unexpected: false };
  }
  return { status: 500, body: body(500, 'INTERNAL_ERROR', 'the service failed to answer; the error has been logged'), unexpected: true };
}
