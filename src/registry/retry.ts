export interface RetryOptions {
  /** Delay before the second attempt; doubles after each failure up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  /** Attempts in all, including the first; unbounded when absent (keep trying until aborted). */
  maxAttempts?: number;
  isRetryable: (error: unknown) => boolean;
  signal?: AbortSignal;
  /** Called before each retry with the attempt that just failed (1 = the first), so every retry can be counted. */
  onRetry?: (error: unknown, delayMs: number, failedAttempt: number) => void;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The delay before attempt `attempt + 1` (attempt counts from 1): "equal jitter", half fixed and half random, so
 * that replicas restarted together do not hammer the registry in lockstep yet never retry immediately.
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Runs `action` until it succeeds, the error is not retryable, the attempts are spent or `signal` aborts.
 * The last error is rethrown as is; an abort rejects with the signal's reason.
 */
export async function retryWithBackoff<T>(action: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { initialMs, maxMs, maxAttempts = Number.POSITIVE_INFINITY, isRetryable, signal, onRetry } = options;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    try {
      return await action(attempt);
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      const delayMs = backoffDelay(attempt, initialMs, maxMs);
      onRetry?.(error, delayMs, attempt);
      await sleep(delayMs, signal);
    }
  }
}
