/** A body still being read this long after its place was given is a slow client's. */
export const STALLED_READ_MS = 250;

/** Why a request was not admitted: the queue was full, it waited too long, or its client left while it waited. */
export type Refusal = 'queue_full' | 'queue_timeout' | 'client_gone';

interface Waiter {
  weight: number;
  admit: () => void;
  timer: NodeJS.Timeout;
}

/**
 * A bound on the scoring work admitted at once, in estimated milliseconds (prediction/scoring-cost.ts), with a
 * short first-in-first-out queue: a request of `weight` waits while admitting it would exceed the bound, and is
 * refused at once when the queue is full or after the queue timeout. A request heavier than the whole bound runs
 * alone. Weighed by cost rather than by series, because a series the model has not seen costs some fifty times one
 * it was trained on: counting series let two maximal bodies of new series share a thread, each then answering in
 * twice its own time. Hand-written because request-count limiters (under-pressure, rate-limit) express no
 * weights; ~60 lines, no I/O.
 */
export class ScoringAdmission {
  private inFlight = 0;
  /** Admitted requests not yet released: "nothing in flight" is this count, since summed fractional costs drift. */
  private admitted = 0;
  private pendingBytes = 0;
  /** When each body being read was given its place. */
  private readonly pending = new Set<{ at: number }>();
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly maxInFlight: number,
    private readonly maxQueued: number,
    private readonly queueTimeoutMs: number,
    private readonly maxPendingBytes: number = Number.POSITIVE_INFINITY,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Resolves with a release function once admitted; rejects with the Refusal otherwise. A waiter whose
   * `connection` emits 'close' (the request's response, closed before any answer: its client left) leaves the
   * queue at once: queued requests of clients that had gone held its places until their timeout, and the first
   * request after a load had ended was refused as if the queue were full. A listener only for requests that
   * queue: an AbortController per request cost more than the refusals it would save.
   */
  admit(weight: number, connection?: NodeJS.EventEmitter): Promise<() => void> {
    if (this.queue.length === 0 && this.fits(weight)) return Promise.resolve(this.take(weight));
    if (this.queue.length >= this.maxQueued) return Promise.reject<() => void>('queue_full' satisfies Refusal);
    return new Promise((resolve, reject) => {
      const leave = (refusal: Refusal) => {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        clearTimeout(waiter.timer);
        connection?.off('close', onGone);
        reject(refusal);
        // A heavy request leaving the head of the queue may let lighter ones behind it in.
        this.drain();
      };
      const onGone = () => leave('client_gone');
      const waiter: Waiter = {
        weight,
        admit: () => {
          connection?.off('close', onGone);
          resolve(this.take(weight));
        },
        // Unref'd: a queue timeout alone must not keep alive a process that has nothing else left to do.
        timer: setTimeout(() => leave('queue_timeout'), this.queueTimeoutMs).unref(),
      };
      connection?.once('close', onGone);
      this.queue.push(waiter);
    });
  }

  /**
   * A place for a request whose body of `bytes` is about to be read, decided from its headers alone: undefined
   * when the bodies already being read or waiting in the queue add up to maxPendingBytes. Parsing is the event
   * loop's own work: without this bound every connection of a burst of maximal bodies was read at once, and the
   * loop parsed hundreds of megabytes of bodies only to refuse them after a queue timeout. The first body always
   * gets a place, and while nothing is being scored so does one more whenever every body being read has been at
   * it for STALLED_READ_MS: slow clients holding places must not shut out the rest. (The exception used to be
   * "nothing in flight" alone; at the start of a burst nothing is, and the 256 bodies of a burst that arrived
   * together were all read at once: the event loop stalled 0.7 s and liveness answered in 0.9 s.)
   * The returned function gives the place back (idempotent): once admitted or refused.
   */
  reserve(bytes: number): (() => void) | undefined {
    if (this.pendingBytes > 0 && this.pendingBytes + bytes > this.maxPendingBytes && !(this.admitted === 0 && this.readsStalled())) return undefined;
    this.pendingBytes += bytes;
    const place = { at: this.now() };
    this.pending.add(place);
    let returned = false;
    return () => {
      if (returned) return;
      returned = true;
      this.pendingBytes -= bytes;
      this.pending.delete(place);
    };
  }

  private readsStalled(): boolean {
    const now = this.now();
    for (const { at } of this.pending) if (now - at < STALLED_READ_MS) return false;
    return true;
  }

  /** Estimated milliseconds of scoring admitted and not yet released. */
  get scoringMsInFlight(): number {
    return this.inFlight;
  }

  get queued(): number {
    return this.queue.length;
  }

  private fits(weight: number): boolean {
    return this.admitted === 0 || this.inFlight + weight <= this.maxInFlight;
  }

  private take(weight: number): () => void {
    this.inFlight += weight;
    this.admitted++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= weight;
      if (--this.admitted === 0) this.inFlight = 0;
      this.drain();
    };
  }

  private drain(): void {
    while (this.queue.length > 0 && this.fits(this.queue[0].weight)) {
      const next = this.queue.shift()!;
      clearTimeout(next.timer);
      next.admit();
    }
  }
}
