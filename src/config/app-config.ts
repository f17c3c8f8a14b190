/**
 * The service's configuration, parsed and validated once at startup from the environment (see
 * load-app-config.ts and the README's table), then frozen. Injected by this class; nothing reads process.env
 * after startup. Field docs name the environment variable.
 */
export abstract class AppConfig {
  /** HOST: interface to listen on. */
  abstract readonly host: string;
  /** PORT: API, health and docs. */
  abstract readonly port: number;
  /** METRICS_PORT: management port serving /metrics, kept off public traffic. */
  abstract readonly metricsPort: number;
  /** LOG_LEVEL: pino level. */
  abstract readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

  /** MODEL_REGISTRY_URL: `file:<path>` or `https://<account>.blob.core.windows.net/<container>`. */
  abstract readonly registryUrl: string;
  /** MODEL_NAME */
  abstract readonly modelName: string;
  /** MODEL_VERSION: a number, `latest`, an alias, or `best:<metric>`. */
  abstract readonly modelVersion: string;
  /** MODEL_CACHE_DIR: where model.onnx is downloaded to. */
  abstract readonly modelCacheDir: string;
  /** AZURE_STORAGE_CONNECTION_STRING: development (Azurite) only; production uses DefaultAzureCredential. */
  abstract readonly azureStorageConnectionString?: string;
  /** REGISTRY_DOWNLOAD_TIMEOUT_MS: per attempt. */
  abstract readonly downloadTimeoutMs: number;
  /** REGISTRY_RETRY_INITIAL_MS / REGISTRY_RETRY_MAX_MS: backoff while the registry is unreachable. */
  abstract readonly retryInitialMs: number;
  abstract readonly retryMaxMs: number;

  /** ORT_INTRA_OP_THREADS / ORT_INTER_OP_THREADS: onnxruntime session thread pools. */
  abstract readonly intraOpThreads: number;
  abstract readonly interOpThreads: number;
  /** SCORING_THREADS: worker threads that score requests, each with its own session; 0 scores on the main thread. */
  abstract readonly scoringThreads: number;
  /** SCORING_THREAD_ABOVE_MS: requests estimated to score longer go to a scoring thread; the rest score inline. */
  abstract readonly scoringThreadAboveMs: number;

  /** MAX_SERIES_PER_REQUEST */
  abstract readonly maxSeriesPerRequest: number;
  /** BODY_LIMIT_BYTES */
  abstract readonly bodyLimitBytes: number;
  /** SHUTDOWN_DRAIN_DELAY_MS: after SIGTERM, readiness is 503 at once and new connections are accepted this long. */
  abstract readonly shutdownDrainDelayMs: number;

  /** MAX_SCORING_MS_IN_FLIGHT: estimated scoring milliseconds per turn of the scoring threads admitted at once; more wait in the queue. */
  abstract readonly maxScoringMsInFlight: number;
  /** MAX_QUEUED_REQUESTS: forecast requests waiting for admission; beyond, a 503 with Retry-After at once. */
  abstract readonly maxQueuedRequests: number;
  /** QUEUE_TIMEOUT_MS: longest wait for admission before a 503. */
  abstract readonly queueTimeoutMs: number;
  /** MAX_EVENT_LOOP_DELAY_MS: above this event-loop delay, /v1 answers 503 at once (0: off). */
  abstract readonly maxEventLoopDelayMs: number;
  /** REQUEST_TIMEOUT_MS: a request (headers and body) must arrive within this; else 408. */
  abstract readonly requestTimeoutMs: number;
  /** CONNECTION_TIMEOUT_MS: an idle socket is closed after this (longer than the 65 s keep-alive). */
  abstract readonly connectionTimeoutMs: number;
  /** MAX_CONNECTIONS: sockets beyond this are refused. */
  abstract readonly maxConnections: number;

  /** AUTH_ENABLED: /v1 routes need an Entra ID bearer token or an API key with the endpoint's role. */
  abstract readonly authEnabled: boolean;
  /** AUTH_JWKS_URL / AUTH_ISSUER / AUTH_AUDIENCE: the Entra tenant's key set, token issuer and this API's audience. */
  abstract readonly authJwksUrl?: string;
  abstract readonly authIssuer?: string;
  abstract readonly authAudience?: string;
  /** AUTH_API_KEYS_FILE: `<client-id>:<sha256>:<roles>` lines (a mounted Secret), for gateways that use keys. */
  abstract readonly authApiKeysFile?: string;
  /** RATE_LIMIT_PER_MINUTE: requests per consumer (or per address, unauthenticated) per minute, per replica; 0 off. */
  abstract readonly rateLimitPerMinute: number;

  /** MONITORING_ENABLED: false binds a no-op observer (used by the benchmark to price monitoring). */
  abstract readonly monitoringEnabled: boolean;
  /** METRICS_LATENCY_BUCKETS: comma-separated seconds. */
  abstract readonly latencyBuckets: number[];
  /** DRIFT_WINDOW_SIZE: recent rows kept per feature for drift. */
  abstract readonly driftWindowSize: number;
  /** DRIFT_MIN_SAMPLES: below this, drift gauges report the "insufficient data" value. */
  abstract readonly driftMinSamples: number;
  /** DRIFT_INTERVAL_MS: how often drift is recomputed, off the request path. */
  abstract readonly driftIntervalMs: number;
  /** FORECAST_LOG_URL: where served forecasts are logged for the actuals join, in MODEL_REGISTRY_URL's forms. */
  abstract readonly forecastLogUrl: string;
  /** FORECAST_LOG_BUFFER_POINTS: served points held in memory between writes; beyond it they are dropped and counted. */
  abstract readonly forecastLogBufferPoints: number;
  /** FORECAST_LOG_FLUSH_MS: how often the buffer is written to the log. */
  abstract readonly forecastLogFlushMs: number;
}
