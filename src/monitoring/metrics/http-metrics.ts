import { trace } from '@opentelemetry/api';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { MonitoringMetrics } from './monitoring-metrics';
import { outcomeOf, REQUEST_OUTCOMES } from './request-outcome';
import { tracingActive } from '../tracing/tracing';

function routeOf(request: FastifyRequest): string {
  // The template, never the raw URL, so ids in paths cannot explode the label set.
  return request.routeOptions?.url ?? 'unmatched';
}

type Observe = (seconds: number) => void;

// Routes whose outcome counters exist at 0 from startup, so rate() sees the first error of each kind.
const API_ROUTE = /^\/v1\//;

/**
 * Fastify hooks feeding the HTTP duration histogram (method, route template, status class), counting each
 * request once by route and outcome (requests_total, from the status actually sent) and naming the
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

  // Bound requests_total children per (route, status); statuses map onto a bounded set of outcomes.
  const outcomes = new Map<string, Map<number, () => void>>();
  const countOf = (route: string, statusCode: number): (() => void) => {
    let byStatus = outcomes.get(route);
    if (!byStatus) outcomes.set(route, (byStatus = new Map()));
    let count = byStatus.get(statusCode);
    if (!count) byStatus.set(statusCode, (count = metrics.requests.labels({ route, outcome: outcomeOf(statusCode) })));
    return count;
  };
  fastify.addHook('onRoute', (options: { url: string }) => {
    if (!API_ROUTE.test(options.url)) return;
    for (const outcome of REQUEST_OUTCOMES) metrics.requests.labels({ route: options.url, outcome })(0);
  });

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = routeOf(request);
    // Fastify's own clock for the reply: from arrival (before onRequest hooks) to the response being sent.
    childOf(request.method, route, reply.statusCode)(reply.elapsedTime / 1000);
    countOf(route, reply.statusCode)();
    done();
  });
}
