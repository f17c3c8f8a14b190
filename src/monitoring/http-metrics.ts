import { trace } from '@opentelemetry/api';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { MonitoringMetrics } from './monitoring-metrics';
import { tracingActive } from './tracing';

function routeOf(request: FastifyRequest): string {
  // The template, never the raw URL, so ids in paths cannot explode the label set.
  return request.routeOptions?.url ?? 'unmatched';
}

type Observe = (seconds: number) => void;

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

  // Only a recording server span needs naming: without tracing there is no onRequest hook to run at all.
  if (tracingActive()) {
    fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      const span = trace.getActiveSpan();
      if (span) {
        const route = routeOf(request);
        span.setAttribute('http.route', route);
        span.updateName(`${request.method} ${route}`);
      }
      done();
    });
  }

  // One bound child per (method, route, status class) seen, so a response builds no labels object. The label
  // set is bounded by the routes and methods the app declares.
  const children = new Map<string, Map<string, Observe[]>>();
  const childOf = (method: string, route: string, statusCode: number): Observe => {
    let routes = children.get(method);
    if (!routes) children.set(method, (routes = new Map()));
    let byClass = routes.get(route);
    if (!byClass) routes.set(route, (byClass = []));
    const index = Math.floor(statusCode / 100);
    return (byClass[index] ??= metrics.httpDuration.labels({ method, route, status_class: `${index}xx` }));
  };

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // Fastify's own clock for the reply: from arrival (before onRequest hooks) to the response being sent.
    childOf(request.method, routeOf(request), reply.statusCode)(reply.elapsedTime / 1000);
    done();
  });
}
