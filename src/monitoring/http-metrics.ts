import { trace } from '@opentelemetry/api';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { MonitoringMetrics } from './monitoring-metrics';

const started = new WeakMap<FastifyRequest, bigint>();

function routeOf(request: FastifyRequest): string {
  // The template, never the raw URL, so ids in paths cannot explode the label set.
  return request.routeOptions?.url ?? 'unmatched';
}

/**
 * Fastify hooks feeding the HTTP duration histogram (method, route template, status class) and naming the
 * request's server span by its route. Call once while building the app, before listen. Does nothing when
 * monitoring is disabled, so the benchmark's "off" run carries no hook at all.
 */
export function installHttpMetrics(app: NestFastifyApplication): void {
  const config = app.get(AppConfig);
  if (!config.monitoringEnabled) return;
  const metrics = app.get(MonitoringMetrics);
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    started.set(request, process.hrtime.bigint());
    const span = trace.getActiveSpan();
    if (span) {
      const route = routeOf(request);
      span.setAttribute('http.route', route);
      span.updateName(`${request.method} ${route}`);
    }
    done();
  });

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const start = started.get(request);
    if (start !== undefined) {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const statusClass = `${Math.floor(reply.statusCode / 100)}xx`;
      metrics.httpDuration.observe({ method: request.method, route: routeOf(request), status_class: statusClass }, seconds);
    }
    done();
  });
}
