import rateLimit from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Registry } from 'prom-client';
import { toErrorResponse } from '../common/error-response';
import { AppConfig } from '../config/app-config';
import { ApiKeys } from './api-keys';
import { CredentialsInvalidError, CredentialsMissingError, RoleMissingError } from './auth.errors';
import { Consumer, ENDPOINT_ROLES } from './consumer';
import { ConsumerMetrics } from './consumer-metrics';
import { EntraTokenVerifier } from './entra-token-verifier';

declare module 'fastify' {
  interface FastifyRequest {
    consumer?: Consumer;
  }
}

const API_PREFIX = '/v1/';

function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = toErrorResponse(error);
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

/**
 * Authentication and authorisation of /v1 routes (health, docs and the metrics port stay open): an Entra ID bearer
 * token or an API key, then the endpoint's app role or scope; per-consumer rate limits (@fastify/rate-limit, keyed
 * by client id, else by address); the consumer's id on the trace, in the logs of refusals and in a metric label.
 */
export async function installAuth(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const logger = new Logger('Auth');
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = new ConsumerMetrics(app.get(Registry));

  if (!config.authEnabled) {
    logger.warn(
      '!!! AUTHENTICATION IS OFF: anyone who can reach this port can forecast, post actuals and read the model. ' +
        'Set AUTH_ENABLED=true with AUTH_JWKS_URL/AUTH_ISSUER/AUTH_AUDIENCE or AUTH_API_KEYS_FILE (the Helm chart requires it). !!!',
    );
  } else {
    const entra =
      config.authJwksUrl && config.authIssuer && config.authAudience
        ? new EntraTokenVerifier({ jwksUrl: config.authJwksUrl, issuer: config.authIssuer, audience: config.authAudience })
        : undefined;
    const apiKeys = config.authApiKeysFile ? ApiKeys.load(config.authApiKeysFile) : undefined;

    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.url.startsWith(API_PREFIX)) return;
      try {
        request.consumer = await authenticate(request, entra, apiKeys);
        const needed = ENDPOINT_ROLES[`${request.method} ${request.routeOptions.url}`];
        if (needed && !request.consumer.roles.has(needed)) throw new RoleMissingError(`this endpoint needs the app role or scope ${needed}`);
        trace.getActiveSpan()?.setAttribute('enduser.id', request.consumer.clientId);
      } catch (error) {
        logger.warn({ msg: 'refused API request', consumer: request.consumer?.clientId, route: request.routeOptions.url, reason: (error as Error).message });
        return sendError(reply, error);
      }
    });
  }

  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit as never, {
      global: true,
      // RateLimit-Limit / -Remaining / -Reset (the IETF draft) as well as Retry-After on a 429.
      enableDraftSpec: true,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (request: FastifyRequest) => !request.url.startsWith(API_PREFIX),
      keyGenerator: (request: FastifyRequest) => (request.consumer ? `consumer:${request.consumer.clientId}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
        Object.assign(new Error(`rate limit exceeded; retry in ${context.after}`), { statusCode: 429 }),
    });
  }

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.url.startsWith(API_PREFIX)) metrics.observe(request.consumer?.clientId, request.routeOptions.url ?? 'unmatched', reply.statusCode);
    done();
  });
}

async function authenticate(request: FastifyRequest, entra: EntraTokenVerifier | undefined, apiKeys: ApiKeys | undefined): Promise<Consumer> {
  const authorization = request.headers.authorization;
  const key = request.headers['x-api-key'];
  if (typeof authorization === 'string' && /^bearer /i.test(authorization)) {
    if (!entra) throw new CredentialsInvalidError('bearer tokens are not accepted here; send X-API-Key');
    return entra.verify(authorization.slice(7).trim());
  }
  if (typeof key === 'string') {
    const consumer = apiKeys?.verify(key);
    if (!consumer) throw new CredentialsInvalidError('the API key is not known');
    return consumer;
  }
  throw new CredentialsMissingError('send an Entra ID bearer token (Authorization: Bearer ...) or an API key (X-API-Key)');
}
