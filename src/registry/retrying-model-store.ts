import { ModelStore, StoredObject, WriteCondition } from './model-store';
import { RegistryUnavailableError } from './registry.errors';
import { retryWithBackoff } from './retry';

export type StoreOperation = 'prepare' | 'list' | 'read' | 'download' | 'write';

/** Three attempts, 200 ms rising to 1 s apart: rides out a dropped keep-alive socket or a brief Blob throttle. */
export const STORE_RETRY = { initialMs: 200, maxMs: 1000, maxAttempts: 3 } as const;

export interface StoreRetryOptions {
  initialMs: number;
  maxMs: number;
  /** Attempts per operation, including the first. */
  maxAttempts: number;
  /** Called before every retry, so each one is counted. */
  onRetry?: (operation: StoreOperation, error: unknown) => void;
}

/**
 * A store whose operations are retried by the one retry helper, for callers with no retry layer of their own
 * (the forecast log, the training and live-accuracy CLIs). The classifier is the stores' own: both translate their failures so that an outage, and
 * only an outage, is a RegistryUnavailableError. The Blob SDK's retries stay off underneath (one try per
 * attempt), so no attempt goes uncounted.
 */
export class RetryingModelStore implements ModelStore {
  readonly location: string;

  constructor(
    private readonly inner: ModelStore & { ensureContainer?: () => Promise<void> },
    private readonly options: StoreRetryOptions,
  ) {
    this.location = inner.location;
  }

  /** Creates the Blob container when missing; a folder needs nothing. */
  prepare(): Promise<void> {
    const ensure = this.inner.ensureContainer?.bind(this.inner);
    return ensure ? this.retry('prepare', ensure) : Promise.resolve();
  }

  list(prefix: string): Promise<string[]> {
    return this.retry('list', () => this.inner.list(prefix));
  }

  read(key: string): Promise<StoredObject | undefined> {
    return this.retry('read', () => this.inner.read(key));
  }

  download(key: string, destinationPath: string, signal?: AbortSignal): Promise<void> {
    return this.retry('download', () => this.inner.download(key, destinationPath, signal), signal);
  }

  // A create-only write whose answer was lost is retried like any other and then reports ObjectConflictError,
  // as the SDK's own retry did: the object exists, written by this attempt or by someone else.
  write(key: string, data: Buffer, condition: WriteCondition): Promise<void> {
    return this.retry('write', () => this.inner.write(key, data, condition));
  }

  private retry<T>(operation: StoreOperation, action: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { initialMs, maxMs, maxAttempts, onRetry } = this.options;
    return retryWithBackoff(action, {
      initialMs,
      maxMs,
      maxAttempts,
      signal,
      isRetryable: (error) => error instanceof RegistryUnavailableError,
      onRetry: (error) => onRetry?.(operation, error),
    });
  }
}
