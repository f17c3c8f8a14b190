import { Transform } from 'class-transformer';
import { ALIAS_RULE, MODEL_NAME_PATTERN, MODEL_NAME_RULE, VERSION_SELECTOR_PATTERN } from '../common/names';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import * as os from 'node:os';
import * as path from 'node:path';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Only well-formed numbers become numbers; anything else stays a string so the rule names the variable.
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;

const toBoolean = ({ value }: { value: unknown }): unknown => {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return value;
};

@ValidatorConstraint({ name: 'ascendingSeconds' })
class AscendingSeconds implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const parts = value.split(',').map((p) => p.trim());
    const numbers = parts.map(Number);
    return (
      parts.every((p) => /^\d*\.?\d+(e-?\d+)?$/i.test(p)) &&
      numbers.every((n) => Number.isFinite(n) && n > 0) &&
      numbers.every((n, i) => i === 0 || n > numbers[i - 1])
    );
  }

  defaultMessage(): string {
    return '$property must be a comma-separated list of ascending positive numbers of seconds, e.g. 0.005,0.01,0.05';
  }
}

/**
 * The environment as validated, one property per variable with its default. load-app-config.ts turns it into
 * the frozen AppConfig; the README's configuration table lists every one with this default
 * (readme-configuration.spec.ts checks it).
 */
export class AppEnv {
  @IsString() @MinLength(1) HOST = '0.0.0.0';
  @Transform(toInteger) @Min(0) @Max(65535) @IsInt() PORT: number = 8080;
  @Transform(toInteger) @Min(0) @Max(65535) @IsInt() METRICS_PORT: number = 9464;
  @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Matches(/^(file:.+|https?:\/\/.+)$/, {
    message: '$property must be file:<folder> or https://<account>.blob.core.windows.net/<container>',
  })
  MODEL_REGISTRY_URL = 'file:./registry';
  @Matches(MODEL_NAME_PATTERN, { message: `$property must be ${MODEL_NAME_RULE}` })
  MODEL_NAME = 'demand-forecast';
  @Matches(VERSION_SELECTOR_PATTERN, {
    message: `$property must be a version number, "latest", an alias or "best:<metric>" (alias and metric: ${ALIAS_RULE})`,
  })
  MODEL_VERSION = 'production';
  @IsString() @MinLength(1) MODEL_CACHE_DIR = path.join(os.tmpdir(), 'demand-forecast-model-cache');
  @IsOptional() @IsString() AZURE_STORAGE_CONNECTION_STRING?: string;
  @Transform(toInteger) @Min(100) @IsInt() REGISTRY_DOWNLOAD_TIMEOUT_MS: number = 60_000;
  @Transform(toInteger) @Min(1) @IsInt() REGISTRY_RETRY_INITIAL_MS: number = 500;
  @Transform(toInteger) @Min(1) @IsInt() REGISTRY_RETRY_MAX_MS: number = 30_000;

  // Measured with npm run bench on 2 cores: 1 intra-op thread beat 2 (100-series bodies 49k vs 32k series/s,
  // single-series on par), because the event loop needs the other core; raise it only on bigger nodes.
  @Transform(toInteger) @Min(1) @Max(64) @IsInt() ORT_INTRA_OP_THREADS: number = 1;
  @Transform(toInteger) @Min(1) @Max(64) @IsInt() ORT_INTER_OP_THREADS: number = 1;
  // Worker threads that score (src/model-host/scoring-threads.ts); 0 scores on the event loop's thread. One per
  // core beyond the event loop's: on 2 cores, 1.
  @Transform(toInteger) @Min(0) @Max(64) @IsInt() SCORING_THREADS: number = 1;
  // Requests estimated to score in more than this go to a scoring thread, the rest stay on the event loop's.
  @Transform(toInteger) @Min(0) @IsInt() SCORING_THREAD_ABOVE_MS: number = 20;

  @Transform(toInteger) @Min(1) @Max(100_000) @IsInt() MAX_SERIES_PER_REQUEST: number = 1000;
  @Transform(toInteger) @Min(1024) @IsInt() BODY_LIMIT_BYTES: number = 1_048_576;
  @Transform(toInteger) @Min(0) @IsInt() SHUTDOWN_DRAIN_DELAY_MS: number = 5000;

  // Admission control and timeouts (src/http/). A turn of the scoring threads holds one slice of a heavy request
  // (90 ms by the estimate) and a maximal body of trained series (~54 ms), or two of those; a second heavy
  // request waits, a few more briefly. Measured: 400 (seven trained bodies at once) doubled their p99 to 2 s.
  @Transform(toInteger) @Min(1) @IsInt() MAX_SCORING_MS_IN_FLIGHT: number = 150;
  @Transform(toInteger) @Min(0) @IsInt() MAX_QUEUED_REQUESTS: number = 16;
  @Transform(toInteger) @Min(1) @IsInt() QUEUE_TIMEOUT_MS: number = 1000;
  @Transform(toInteger) @Min(0) @IsInt() MAX_EVENT_LOOP_DELAY_MS: number = 1000;
  @Transform(toInteger) @Min(1000) @IsInt() REQUEST_TIMEOUT_MS: number = 10_000;
  @Transform(toInteger) @Min(1000) @IsInt() CONNECTION_TIMEOUT_MS: number = 70_000;
  @Transform(toInteger) @Min(1) @IsInt() MAX_CONNECTIONS: number = 1024;

  // Authentication (src/auth/): off by default for local runs (a loud warning at startup); the chart requires it.
  @Transform(toBoolean) @IsBoolean({ message: '$property must be true or false' }) AUTH_ENABLED: boolean = false;
  @IsOptional() @Matches(/^https:\/\/.+|^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/.*/, { message: '$property must be an https:// URL' }) AUTH_JWKS_URL?: string;
  @IsOptional() @IsString() AUTH_ISSUER?: string;
  @IsOptional() @IsString() AUTH_AUDIENCE?: string;
  @IsOptional() @IsString() AUTH_API_KEYS_FILE?: string;
  @Transform(toInteger) @Min(0) @IsInt() RATE_LIMIT_PER_MINUTE: number = 0;

  @Transform(toBoolean) @IsBoolean({ message: '$property must be true or false' }) MONITORING_ENABLED: boolean = true;
  @Validate(AscendingSeconds) METRICS_LATENCY_BUCKETS = '0.001,0.0025,0.005,0.01,0.025,0.05,0.1,0.25,0.5,1';
  @Transform(toInteger) @Min(10) @IsInt() DRIFT_WINDOW_SIZE: number = 5000;
  @Transform(toInteger) @Min(1) @IsInt() DRIFT_MIN_SAMPLES: number = 200;
  @Transform(toInteger) @Min(100) @IsInt() DRIFT_INTERVAL_MS: number = 10_000;
  @Matches(/^(file:.+|https?:\/\/.+)$/, {
    message: '$property must be file:<folder> or https://<account>.blob.core.windows.net/<container>',
  })
  FORECAST_LOG_URL = 'file:./forecast-log';
  @Transform(toInteger) @Min(1) @IsInt() FORECAST_LOG_BUFFER_POINTS: number = 100_000;
  @Transform(toInteger) @Min(10) @IsInt() FORECAST_LOG_FLUSH_MS: number = 1000;
}

/** Variables whose values never appear in error messages. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set(['AZURE_STORAGE_CONNECTION_STRING']);
