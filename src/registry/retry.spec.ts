import { backoffDelay, retryWithBackoff } from './retry';

class Transient extends Error {}
const isTransient = (e: unknown): boolean => e instanceof Transient;

describe('backoffDelay', () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [3, 1, 400],
    [10, 1, 1000],
    [10, 0, 500],
  ])('attempt %i with random %d waits %i ms (initial 100, max 1000)', (attempt, random, expected) => {
    expect(backoffDelay(attempt, 100, 1000, () => random)).toBe(expected);
  });
});

describe('retryWithBackoff', () => {
  it('returns the first success and passes the attempt number', async () => {
    const seen: number[] = [];
    const result = await retryWithBackoff(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new Transient('not yet');
        return 'done';
      },
      { initialMs: 1, maxMs: 2, isRetryable: isTransient },
    );
    expect(result).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rethrows a non-retryable error at once', async () => {
    const action = jest.fn(async () => {
      throw new Error('fatal');
    });
    await expect(retryWithBackoff(action, { initialMs: 1, maxMs: 2, isRetryable: isTransient })).rejects.toThrow('fatal');
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('gives up after maxAttempts with the last error and reports each retry', async () => {
    const delays: number[] = [];
    const failed: number[] = [];
    let n = 0;
    await expect(
      retryWithBackoff(
        async () => {
          throw new Transient(`failure ${++n}`);
        },
        {
          initialMs: 4,
          maxMs: 8,
          maxAttempts: 3,
          isRetryable: isTransient,
          onRetry: (_e, d, attempt) => {
            delays.push(d);
            failed.push(attempt);
          },
        },
      ),
    ).rejects.toThrow('failure 3');
    expect(delays).toHaveLength(2);
    expect(failed).toEqual([1, 2]);
    expect(delays[0]).toBeGreaterThanOrEqual(2);
    expect(delays[0]).toBeLessThanOrEqual(4);
    expect(delays[1]).toBeGreaterThanOrEqual(4);
    expect(delays[1]).toBeLessThanOrEqual(8);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = retryWithBackoff(
      async () => {
        throw new Transient('down');
      },
      { initialMs: 60_000, maxMs: 60_000, isRetryable: isTransient, signal: controller.signal, onRetry: () => controller.abort(new Error('shutting down')) },
    );
    await expect(pending).rejects.toThrow('shutting down');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not start when the signal is already aborted', async () => {
    const action = jest.fn(async () => 1);
    await expect(
      retryWithBackoff(action, { initialMs: 1, maxMs: 1, isRetryable: isTransient, signal: AbortSignal.abort(new Error('gone')) }),
    ).rejects.toThrow('gone');
    expect(action).not.toHaveBeenCalled();
  });
});
