import { Attributes, Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * Side-effect module: main.ts imports it before anything else so the HTTP instrumentation can patch `node:http`
 * before Fastify loads. Tracing is configured only by the standard OTEL_* variables (the SDK reads them) and
 * stays off when none of them asks for an exporter, so a plain `npm start` exports nothing and pays nothing.
 */

const SERVICE_NAME = 'demand-forecast-serving';
const TRACER_NAME = 'demand-forecast-serving';

/** True when the environment asks for trace export (an OTLP endpoint, or an explicit exporter other than none). */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporters) return !exporters.split(',').every((e) => e.trim() === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

let sdk: NodeSDK | undefined;

function startTracing(): void {
  // The SDK would otherwise also start an OTLP log exporter; logs go to stdout as JSON lines (logger.ts).
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  process.env.OTEL_SERVICE_NAME ??= SERVICE_NAME;
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes would drown the traces that matter.
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''),
      }),
    ],
  });
  sdk.start();
  process.once('beforeExit', () => void shutdownTracing());
}

/** Flushes and stops the SDK; main.ts calls it on shutdown after Nest has closed. Safe to call twice. */
export async function shutdownTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}

export function tracingActive(): boolean {
  return sdk !== undefined;
}

/** Ends a span, first marking it failed with the error when there is one. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

/** Starts a child span of the active one without making it active: for stages that are not one function call. */
export function startSpan(name: string, attributes: Attributes): Span {
  return trace.getTracer(TRACER_NAME).startSpan(name, { attributes });
}

/** Child spans of the active span for work timed where it ran, e.g. on a scoring thread. */
export function recordSpans(spans: { name: string; startedAtMs: number; seconds: number }[], attributes: Attributes): void {
  const tracer = trace.getTracer(TRACER_NAME);
  for (const { name, startedAtMs, seconds } of spans) {
    tracer.startSpan(name, { attributes, startTime: startedAtMs }).end(startedAtMs + seconds * 1000);
  }
}

/** True inside a span that records, e.g. a sampled HTTP request span while tracing is on. */
export function insideRecordingSpan(): boolean {
  return trace.getActiveSpan()?.isRecording() === true;
}

/**
 * Runs `fn` inside a child span of the active one (the HTTP request span when tracing is on). Without a
 * registered SDK the API hands back a non-recording span, so this costs a closure and nothing else.
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => T): T {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, (span) => {
    try {
      const result = fn(span);
      if (result instanceof Promise) {
        return result.then(
          (value: unknown) => {
            endSpan(span);
            return value;
          },
          (error: unknown) => {
            endSpan(span, error);
            throw error;
          },
        ) as T;
      }
      endSpan(span);
      return result;
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
  });
}

if (tracingRequested(process.env)) startTracing();
