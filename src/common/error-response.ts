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
  /** For expected 5xx answers: what happened, for the logs only (the body says no more than the code). */
  logDetail?: string;
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

const SERVER_MESSAGES: Record<number, string> = {
  503: 'the service cannot answer right now; retry later',
};
const SERVER_MESSAGE = 'the service failed to answer; the error has been logged';

// What of a 5xx DomainError's details may leave the process: the reason's leading code word ("not_found", not the
// registry URL, cache path or onnxruntime source path after it) and the model's name and version.
function safeServerDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!details) return undefined;
  const safe: Record<string, unknown> = {};
  const reason = typeof details.reason === 'string' ? /^[a-z][a-z_]*/.exec(details.reason)?.[0] : undefined;
  if (reason) safe.reason = reason;
  const model = details.model as { name?: unknown; version?: unknown } | undefined;
  if (isPlainRecord(model) && typeof model.name === 'string') {
    safe.model = typeof model.version === 'number' ? { name: model.name, version: model.version } : { name: model.name };
  }
  return safe;
}

/**
 * The one mapping from anything thrown to an HTTP answer: DomainErrors by their code and status (object details
 * become body fields), framework and Fastify client errors by their status, everything else a 500 that says
 * nothing about the internals. A 5xx body carries its code and a fixed message only. Never a stack trace.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof DomainError) {
    const status = error.httpStatus;
    const details = isPlainRecord(error.details) ? error.details : undefined;
    if (status < 500) return { status, body: body(status, error.code, error.message, details), unexpected: false };
    const message = SERVER_MESSAGES[status] ?? SERVER_MESSAGE;
    return { status, body: body(status, error.code, message, safeServerDetails(details)), unexpected: status !== 503, logDetail: error.message };
  }
  const status = isHttpExceptionLike(error) ? error.getStatus() : clientStatusOf(error);
  if (status !== undefined && status < 500) {
    const message = CLIENT_MESSAGES[status] ?? messageOf(error, STATUS_CODES[status] ?? 'client error');
    return { status, body: body(status, codeForClientError(status, error), message), unexpected: false };
  }
  if (status === 503) {
    return { status, body: body(status, 'SERVICE_UNAVAILABLE', SERVER_MESSAGES[503]), unexpected: false, logDetail: messageOf(error, 'service unavailable') };
  }
  return { status: 500, body: body(500, 'INTERNAL_ERROR', SERVER_MESSAGE), unexpected: true };
}
