import underPressure from '@fastify/under-pressure';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { toErrorResponse } from '../common/error-response';
import { AppConfig } from '../config/app-config';
import { ABANDONED_STAGES, AbandonedStage, MonitoringMetrics } from '../monitoring/metrics/monitoring-metrics';
import { closeListenerGracefully } from './graceful-close';
import { ContentEncodingUnsupportedError, RETRY_AFTER_SECONDS, ServiceOverloadedError } from './overloaded.error';
import { Refusal, ScoringAdmission } from './scoring-admission';

const API_PREFIX = '/v1/';
const FORECAST_ROUTE = '/v1/forecast';

function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = toErrorResponse(error);
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

// The refusal's answer, built once: under overload refusing is most of what the event loop does (a thousand a
// second here), and an error object with its stack and a serialised body for each was a tenth of that work.
const OVERLOADED = ((): { status: number; text: string } => {
  const { status, body } = toErrorResponse(new ServiceOverloadedError('overloaded'));
  return { status, text: JSON.stringify(body) };
})();

function overloaded(reply: FastifyReply): FastifyReply {
  return reply
    .code(OVERLOADED.status)
    .header('retry-after', String(RETRY_AFTER_SECONDS))
    .header('content-type', 'application/json; charset=utf-8')
    .send(OVERLOADED.text);
}

/**
 * Refused before its body was read: the answer closes the connection, so Node stops reading a body nobody will
 * parse. Keeping it open, the event loop spent an overload receiving and discarding megabytes of refused bodies
 * (liveness 7 s at 256 connections), even with scoring on its own thread.
 */
function refusedUnread(reply: FastifyReply): FastifyReply {
  reply.header('connection', 'close');
  return overloaded(reply);
}

// The socket, not the request stream: Node destroys a request stream once its body has been read. A client that
// has closed its side has gone too: Node's server (httpAllowHalfOpen false) aborts its requests when it does.
function clientHasGone(request: FastifyRequest): boolean {
  const socket = request.raw.socket;
  return socket?.destroyed === true || socket?.readableEnded === true;
}

/** The body of a request whose client left before it was parsed: never validated, never scored. */
const NOT_PARSED = Symbol('client left before its body was parsed');

/** Bodies smaller than this are parsed at once: cheaper to parse than to hold for a turn of the event loop. */
const DEFER_PARSE_ABOVE_BYTES = 64 * 1024;

/**
 * Bytes of bodies read or queued at once while scoring, in maximal bodies (by Content-Length). Measured with
 * measure-overload.js (trained 1,000-series bodies, 256 connections), three runs each, alternated: with four the
 * service's admitted p99 was 2.0 s and fresh clients' worst 2.4–3.0 s; with two, 1.5 s and 1.4–2.2 s, for the same
 * number answered. One gave 1.25 s, but then a client uploading a maximal body shuts every other body out.
 */
const PENDING_MAXIMAL_BODIES = 2;

/**
 * Fastify's own JSON parser, run for a large body only after the event loop's next poll for I/O, and not at all
 * when its client has gone by then. A client that sends a body and closes (a timeout, a flood ending) has its
 * close read one poll after the body's last bytes (libuv stops reading a socket at a short read), and the body
 * is handed to the parser in between: when 256 such clients stopped at once, their bodies, each ~10 ms of
 * JSON.parse, held the first new request after the load for ~4 s, and bodies of clients already gone were scored.
 */
function installDeferredJsonParser(fastify: FastifyInstance, counted: () => void): void {
  const parse = fastify.getDefaultJsonParser(fastify.initialConfig.onProtoPoisoning ?? 'error', fastify.initialConfig.onConstructorPoisoning ?? 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body: string, done: (error: Error | null, body?: unknown) => void) => {
    if (body.length < DEFER_PARSE_ABOVE_BYTES) return parse(request, body, done);
    // The first immediate runs before the next poll, the second after it.
    setImmediate(() =>
      setImmediate(() => {
        if (!clientHasGone(request)) return parse(request, body, done);
        if (request.routeOptions.url === FORECAST_ROUTE) counted();
        done(null, NOT_PARSED);
      }),
    );
  });
}

/**
 * Node's own answers to a malformed request (bad request line, headers over the limit, timeout) in the
 * documented error shape with a `code`, instead of Fastify's default body without one.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message = status === 431 ? 'request headers are too large' : status === 408 ? 'the request did not arrive in time' : 'malformed HTTP request';
  const body = JSON.stringify(toErrorResponse(Object.assign(new Error(message), { statusCode: status })).body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface Hardening {
  admission: ScoringAdmission;
}

/**
 * What a parsed, not yet validated forecast body weighs for admission: the estimated milliseconds of scoring it adds
 * to work that waits its turn; 0 for a request scored at once, which is not queued.
 */
export type AdmissionWeight = (body: unknown) => number;

/**
 * The HTTP edge's defences, as Fastify hooks installed once while building the app: refused content encodings,
 * security and caching headers on API answers, event-loop pressure (@fastify/under-pressure, /v1 only: health
 * must keep answering), admission of forecast work by its estimated cost with a short queue, dropping work of
 * clients that have gone, and `Connection: close` once the listener has closed (graceful-close.ts).
 */
export async function installHardening(app: NestFastifyApplication, admissionWeight: AdmissionWeight): Promise<Hardening> {
  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance();
  const admission = new ScoringAdmission(
    config.maxScoringMsInFlight,
    config.maxQueuedRequests,
    config.queueTimeoutMs,
    PENDING_MAXIMAL_BODIES * config.bodyLimitBytes,
  );
  let draining = false;
  const admitted = new WeakMap<FastifyRequest['raw'], () => void>();
  const reserved = new WeakMap<FastifyRequest['raw'], () => void>();
  const metrics = app.get(MonitoringMetrics);
  const abandoned = Object.fromEntries(ABANDONED_STAGES.map((stage) => [stage, metrics.abandonedForecasts.labels({ stage })])) as Record<AbandonedStage, () => void>;

  fastify.server.maxConnections = config.maxConnections;
  closeListenerGracefully(fastify.server, () => (draining = true));
  installDeferredJsonParser(fastify, abandoned.before_parse);

  if (config.maxEventLoopDelayMs > 0) {
    await app.register(underPressure as never, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      // Undefined either way: under-pressure sends whatever the handler returns, and sending the sent reply again
      // cost a FastifyError per refusal; with the reply sent, Fastify runs no further hook or handler.
      pressureHandler: (request: FastifyRequest, reply: FastifyReply) => {
        if (request.url.startsWith(API_PREFIX)) refusedUnread(reply);
        return undefined;
      },
    });
  }

  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // Refused before its body is parsed: Node then discards the body unparsed, far cheaper than JSON.parse.
    if (request.method === 'POST' && request.routeOptions.url === FORECAST_ROUTE) {
      const place = admission.reserve(Number(request.headers['content-length'] ?? 0) || 0);
      if (!place) {
        // Answered after this round of I/O rather than in it: when a burst of connections arrives together, the
        // loop otherwise refuses them all before it answers anything else that arrived with them, a liveness
        // probe included (162-273 ms for the probe that met 256 new connections, against ~50 ms at any other time).
        setImmediate(refusedUnread, reply);
        return;
      }
      reserved.set(request.raw, place);
      reply.raw.once('close', place);
    }
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      sendError(reply, new ContentEncodingUnsupportedError(`content-encoding ${encoding} is not supported; send identity-encoded JSON`));
      return;
    }
    done();
  });

  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    const release = admitted.get(request.raw);
    if (release) {
      release();
      // Scored, or its unstarted slices dropped (CLIENT_GONE), with nobody left to take the answer.
      if (clientHasGone(request)) abandoned.answered();
    }
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith(API_PREFIX)) reply.header('cache-control', 'no-store');
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });

  // After body parsing, so the weight is known; before the handler, so refused work costs no scoring.
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.body === NOT_PARSED) {
      reserved.get(request.raw)?.();
      return reply.hijack();
    }
    if (request.method !== 'POST' || request.routeOptions.url !== FORECAST_ROUTE) return;
    let release = () => {};
    try {
      const weight = admissionWeight(request.body);
      if (weight > 0) release = await admission.admit(weight, reply.raw);
    } catch (refusal) {
      // Nobody is listening for an answer to a client that left while queued.
      if ((refusal as Refusal) === 'client_gone') {
        abandoned.queued();
        return reply.hijack();
      }
      return overloaded(reply);
    } finally {
      reserved.get(request.raw)?.();
    }
    // Released when the answer is ready (onSend below): a client that leaves does not end the slice being scored
    // for it (its unstarted slices are dropped, and the CLIENT_GONE answer then releases it), so releasing at its
    // disconnect let new work in beside running work, without bound. A request still
    // unanswered when its connection closes is released a request timeout later; only those get a timer (one per
    // answered request kept thousands alive for REQUEST_TIMEOUT_MS and promoted them into the old generation).
    let answered = false;
    admitted.set(request.raw, () => {
      answered = true;
      release();
    });
    reply.raw.once('close', () => {
      if (!answered) setTimeout(release, config.requestTimeoutMs).unref();
    });
    if (clientHasGone(request)) {
      abandoned.before_scoring();
      release();
      // Nobody is listening for an answer; scoring it would only delay the requests of clients still here.
      return reply.hijack();
    }
  });

  return { admission };
}
