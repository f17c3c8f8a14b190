import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { installAuth } from './auth/install-auth';
import { AppConfig } from './config/app-config';
import { loadAppConfig } from './config/load-app-config';
import { clientErrorHandler, installHardening } from './http/http-hardening';
import { ModelHost } from './model-host/model-host.service';
import { installHttpMetrics } from './monitoring/metrics/http-metrics';
import { createLogger, PinoNestLogger } from './monitoring/logging/logger';
import { MetricsServer } from './monitoring/metrics/metrics-server';
import { setupOpenApi } from './openapi/openapi-document';
import { checkEncodedFields } from './forecasting/forecast-answer-fields';

export interface RunningService {
  app: NestFastifyApplication;
  /** `http://127.0.0.1:<bound port>` of the API. */
  url: string;
  /** `http://127.0.0.1:<bound port>` of the management port (GET /metrics). */
  metricsUrl: string;
  /** Runs the shutdown sequence (readiness off, drain delay, close, release) as SIGTERM does. */
  close(): Promise<void>;
}


/** Builds the app without listening: used by bootstrap() and by the OpenAPI generator (which never loads a model). */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Longer than Azure load balancers' idle timeout, so they never reuse a socket the server just closed.
    keepAliveTimeout: 65_000,
    requestTimeout: config.requestTimeoutMs,
    // Node 20 honours requestTimeout only when given to http.createServer (Fastify sets it afterwards, too late),
    // and checks it at connectionsCheckingInterval (default 30 s, which would triple a 10 s timeout).
    http: { requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: 1000 },
    connectionTimeout: config.connectionTimeoutMs,
    clientErrorHandler,
    // Requests already on a connection when the listener closes are served, not answered 503: the drain has told
    // clients to close, and anything still arriving was sent before they heard.
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(createLogger(config.logLevel)),
    // Only JSON is accepted: Fastify's JSON parser stays, Nest's extra urlencoded parser is never added.
    bodyParser: false,
    abortOnError: false,
  });
  // Fastify parses text/plain by default; without a parser any non-JSON body is a 415.
  app.getHttpAdapter().getInstance().removeContentTypeParser(['text/plain']);
  installHttpMetrics(app);
  const host = app.get(ModelHost);
  await installHardening(app, (body) => host.admissionWeight(body));
  await installAuth(app);
  checkEncodedFields(setupOpenApi(app));
  return app;
}

/** Parses the environment, builds the app and listens on HOST:PORT; the model loads in the background. */
export async function bootstrap(env: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const config = loadAppConfig(env);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const metricsPort = app.get(MetricsServer).port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    close: () => app.close(),
  };
}
