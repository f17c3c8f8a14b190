import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfigInvalidError } from './app-config-invalid.error';
import { AppConfig } from './app-config';
import { AppEnv, SECRET_VARIABLES } from './app-env';

// Rules are declared with the type check nearest the property, so with stopAtFirstError it is the one reported.
function describe(error: ValidationError): string[] {
  const shown = SECRET_VARIABLES.has(error.property) ? '' : ` (got ${JSON.stringify(error.value)})`;
  return Object.values(error.constraints ?? {}).map((rule) => `${rule}${shown}`);
}

/** Parses the environment once into the frozen configuration; throws AppConfigInvalidError naming every bad variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const given: Record<string, string> = {};
  for (const key of Object.keys(new AppEnv())) {
    const value = env[key];
    // An empty variable means "not set", as in most deployment tools' templating.
    if (value !== undefined && value.trim() !== '') given[key] = value;
  }
  const parsed = plainToInstance(AppEnv, given, { exposeDefaultValues: true });
  const problems = validateSync(parsed, { forbidUnknownValues: true, stopAtFirstError: true }).flatMap(describe);
  if (parsed.REGISTRY_RETRY_MAX_MS < parsed.REGISTRY_RETRY_INITIAL_MS && problems.length === 0) {
    problems.push('REGISTRY_RETRY_MAX_MS must be at least REGISTRY_RETRY_INITIAL_MS');
  }
  const entra = [parsed.AUTH_JWKS_URL, parsed.AUTH_ISSUER, parsed.AUTH_AUDIENCE].filter((v) => v !== undefined).length;
  if (entra !== 0 && entra !== 3) problems.push('AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE must be set together');
  if (parsed.AUTH_ENABLED && entra === 0 && parsed.AUTH_API_KEYS_FILE === undefined) {
    problems.push('AUTH_ENABLED=true needs AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE, or AUTH_API_KEYS_FILE');
  }
  if (problems.length > 0) throw new AppConfigInvalidError(problems);

  const config: AppConfig = {
    host: parsed.HOST,
    port: parsed.PORT,
    metricsPort: parsed.METRICS_PORT,
    logLevel: parsed.LOG_LEVEL,
    registryUrl: parsed.MODEL_REGISTRY_URL,
    modelName: parsed.MODEL_NAME,
    modelVersion: parsed.MODEL_VERSION,
    modelCacheDir: parsed.MODEL_CACHE_DIR,
    azureStorageConnectionString: parsed.AZURE_STORAGE_CONNECTION_STRING,
    downloadTimeoutMs: parsed.REGISTRY_DOWNLOAD_TIMEOUT_MS,
    retryInitialMs: parsed.REGISTRY_RETRY_INITIAL_MS,
    retryMaxMs: parsed.REGISTRY_RETRY_MAX_MS,
    intraOpThreads: parsed.ORT_INTRA_OP_THREADS,
    interOpThreads: parsed.ORT_INTER_OP_THREADS,
    scoringThreads: parsed.SCORING_THREADS,
    scoringThreadAboveMs: parsed.SCORING_THREAD_ABOVE_MS,
    maxSeriesPerRequest: parsed.MAX_SERIES_PER_REQUEST,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    shutdownDrainDelayMs: parsed.SHUTDOWN_DRAIN_DELAY_MS,
    maxScoringMsInFlight: parsed.MAX_SCORING_MS_IN_FLIGHT,
    maxQueuedRequests: parsed.MAX_QUEUED_REQUESTS,
    queueTimeoutMs: parsed.QUEUE_TIMEOUT_MS,
    maxEventLoopDelayMs: parsed.MAX_EVENT_LOOP_DELAY_MS,
    requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: parsed.CONNECTION_TIMEOUT_MS,
    maxConnections: parsed.MAX_CONNECTIONS,
    authEnabled: parsed.AUTH_ENABLED,
    authJwksUrl: parsed.AUTH_JWKS_URL,
    authIssuer: parsed.AUTH_ISSUER,
    authAudience: parsed.AUTH_AUDIENCE,
    authApiKeysFile: parsed.AUTH_API_KEYS_FILE,
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE,
    monitoringEnabled: parsed.MONITORING_ENABLED,
    latencyBuckets: parsed.METRICS_LATENCY_BUCKETS.split(',').map(Number),
    driftWindowSize: parsed.DRIFT_WINDOW_SIZE,
    driftMinSamples: parsed.DRIFT_MIN_SAMPLES,
    driftIntervalMs: parsed.DRIFT_INTERVAL_MS,
    forecastLogUrl: parsed.FORECAST_LOG_URL,
    forecastLogBufferPoints: parsed.FORECAST_LOG_BUFFER_POINTS,
    forecastLogFlushMs: parsed.FORECAST_LOG_FLUSH_MS,
  };
  // Object.setPrototypeOf keeps `instanceof AppConfig` true for code that checks the token's type.
  return Object.freeze(Object.setPrototypeOf({ ...config, latencyBuckets: Object.freeze(config.latencyBuckets) }, AppConfig.prototype) as AppConfig);
}
