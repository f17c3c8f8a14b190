import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfigInvalidError } from './app-config-invalid.error';
import { AppConfig } from './app-config';
import { loadAppConfig } from './load-app-config';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppConfigInvalidError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadAppConfig', () => {
  it('refuses authentication turned on without a way to check credentials, or half an Entra setup', () => {
    expect(() => loadAppConfig({ AUTH_ENABLED: 'true' })).toThrow('AUTH_ENABLED=true needs AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE, or AUTH_API_KEYS_FILE');
    expect(() => loadAppConfig({ AUTH_ENABLED: 'true', AUTH_ISSUER: 'https://login.microsoftonline.com/t/v2.0' })).toThrow('must be set together');
    expect(loadAppConfig({ AUTH_ENABLED: 'true', AUTH_API_KEYS_FILE: '/etc/keys' }).authEnabled).toBe(true);
  });

  it('fills every field with its documented default from an empty environment', () => {
    const config = loadAppConfig({});
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 8080,
      metricsPort: 9464,
      logLevel: 'info',
      registryUrl: 'file:./registry',
      modelName: 'demand-forecast',
      modelVersion: 'production',
      modelCacheDir: path.join(os.tmpdir(), 'demand-forecast-model-cache'),
      azureStorageConnectionString: undefined,
      downloadTimeoutMs: 60000,
      retryInitialMs: 500,
      retryMaxMs: 30000,
      intraOpThreads: 1,
      scoringThreads: 1,
      scoringThreadAboveMs: 20,
      interOpThreads: 1,
      maxSeriesPerRequest: 1000,
      bodyLimitBytes: 1048576,
      shutdownDrainDelayMs: 5000,
      maxScoringMsInFlight: 150,
      maxQueuedRequests: 16,
      queueTimeoutMs: 1000,
      maxEventLoopDelayMs: 1000,
      requestTimeoutMs: 10000,
      connectionTimeoutMs: 70000,
      maxConnections: 1024,
      authEnabled: false,
      authJwksUrl: undefined,
      authIssuer: undefined,
      authAudience: undefined,
      authApiKeysFile: undefined,
      rateLimitPerMinute: 0,
      monitoringEnabled: true,
      latencyBuckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      driftWindowSize: 5000,
      driftMinSamples: 200,
      driftIntervalMs: 10000,
      forecastLogUrl: 'file:./forecast-log',
      forecastLogBufferPoints: 100000,
      forecastLogFlushMs: 1000,
    });
    expect(config).toBeInstanceOf(AppConfig);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses given values into typed fields', () => {
    const config = loadAppConfig({
      PORT: '0',
      METRICS_PORT: '9999',
      MODEL_VERSION: 'best:wape',
      MONITORING_ENABLED: 'false',
      METRICS_LATENCY_BUCKETS: '0.01, 0.1,1',
      ORT_INTRA_OP_THREADS: '2',
      MODEL_REGISTRY_URL: 'http://127.0.0.1:10000/devstoreaccount1/models',
    });
    expect(config.port).toBe(0);
    expect(config.metricsPort).toBe(9999);
    expect(config.modelVersion).toBe('best:wape');
    expect(config.monitoringEnabled).toBe(false);
    expect(config.latencyBuckets).toEqual([0.01, 0.1, 1]);
    expect(config.intraOpThreads).toBe(2);
  });

  it('treats an empty variable as unset', () => {
    expect(loadAppConfig({ PORT: '', AZURE_STORAGE_CONNECTION_STRING: ' ' }).port).toBe(8080);
  });

  it.each([
    [{ PORT: 'http' }, 'PORT must be an integer number'],
    [{ PORT: '70000' }, 'PORT must not be greater than 65535'],
    [{ PORT: '8080.5' }, 'PORT must be an integer number'],
    [{ METRICS_PORT: '-1' }, 'METRICS_PORT must not be less than 0'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of the following values'],
    [{ MODEL_REGISTRY_URL: 's3://bucket' }, 'MODEL_REGISTRY_URL must be file:<folder> or https://'],
    [{ FORECAST_LOG_URL: 's3://bucket' }, 'FORECAST_LOG_URL must be file:<folder> or https://'],
    [{ FORECAST_LOG_BUFFER_POINTS: '0' }, 'FORECAST_LOG_BUFFER_POINTS must not be less than 1'],
    [{ FORECAST_LOG_FLUSH_MS: '5' }, 'FORECAST_LOG_FLUSH_MS must not be less than 10'],
    [{ MODEL_VERSION: 'best:' }, 'MODEL_VERSION must be a version number, "latest", an alias or "best:<metric>"'],
    // One grammar with the version selector: a 64-character alias is refused here, not later as a failed session.
    [{ MODEL_VERSION: `a${'b'.repeat(63)}` }, 'MODEL_VERSION must be a version number'],
    [{ MODEL_NAME: 'Demand-Forecast' }, 'MODEL_NAME must be lowercase letters'],
    [{ MODEL_VERSION: '0' }, 'MODEL_VERSION must be a version number'],
    [{ MODEL_NAME: '../etc' }, 'MODEL_NAME must be lowercase letters, digits'],
    [{ ORT_INTRA_OP_THREADS: '0' }, 'ORT_INTRA_OP_THREADS must not be less than 1'],
    [{ MAX_SERIES_PER_REQUEST: 'many' }, 'MAX_SERIES_PER_REQUEST must be an integer number'],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES must not be less than 1024'],
    [{ MONITORING_ENABLED: 'yes' }, 'MONITORING_ENABLED must be true or false'],
    [{ METRICS_LATENCY_BUCKETS: '0.1,0.05' }, 'METRICS_LATENCY_BUCKETS must be a comma-separated list of ascending positive numbers'],
    [{ METRICS_LATENCY_BUCKETS: '0.1,abc' }, 'METRICS_LATENCY_BUCKETS must be a comma-separated list'],
    [{ REGISTRY_RETRY_INITIAL_MS: '5000', REGISTRY_RETRY_MAX_MS: '1000' }, 'REGISTRY_RETRY_MAX_MS must be at least REGISTRY_RETRY_INITIAL_MS'],
  ])('rejects %j naming the variable and the rule', (env, expected) => {
    expect(problemsOf(env)).toContain(expected);
  });

  it('lists every bad variable at once', () => {
    const message = problemsOf({ PORT: 'x', DRIFT_MIN_SAMPLES: '0' });
    expect(message).toContain('PORT');
    expect(message).toContain('DRIFT_MIN_SAMPLES');
  });

  it('never repeats the value of a secret variable', () => {
    const message = problemsOf({ PORT: 'x', AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=sekrit' });
    expect(message).not.toContain('sekrit');
  });
});
