import { randomBytes } from 'node:crypto';
import { MonthIndex } from '../../features/month';
import { ServedSeries } from '../forecast-observer';
import { ForecastLogStore } from './create-forecast-log-store';
import { segmentKey } from './forecast-log-format';
import { SegmentBytes } from './segment-bytes';
import { ServedPointsBuffer } from './served-points-buffer';

export interface ForecastLogWriterSettings {
  /** Points buffered at most; a request that would exceed it is dropped from the log (never delayed). */
  maxBufferedPoints: number;
  /** How often the buffer is written out. */
  flushIntervalMs: number;
}

export interface ForecastLogWriterEvents {
  written(points: number): void;
  dropped(reason: 'buffer_full' | 'write_failed', points: number): void;
  writeFailed(error: unknown): void;
}

// Segments of one flush are written this many at a time: enough to hide Blob round trips, few enough to leave
// the event loop and the connection pool to requests.
const WRITE_CONCURRENCY = 4;
// Measured (node, 2 shared cores): a full default buffer (99,000 points) encodes in 0.3-0.4 s of yielded chunks;
// the longest event-loop pause was 41-44 ms at 2,000 points per chunk and 29 ms at 500 (GC included).
const YIELD_EVERY_POINTS = 500;

/**
 * Served forecasts on their way to the durable log. enqueue() runs on the request path and only appends a
 * reference to the records the service already built (bounded by maxBufferedPoints, counted as dropped when
 * full); a timer turns the buffer into one segment per (model, target month) and writes them create-only. A
 * write that fails is dropped and counted, never retried into an unbounded backlog, and never reaches a request.
 */
export class ForecastLogWriter {
  /** Identifies this process in segment names, so replicas never write the same key. */
  readonly replica = randomBytes(6).toString('hex');
  // Two buffers: requests fill one while the other is encoded and written.
  private buffer: ServedPointsBuffer;
  private spare: ServedPointsBuffer;
  private readonly segmentBuffers: Buffer[] = [];
  private seq = 0;
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: ForecastLogStore,
    private readonly settings: ForecastLogWriterSettings,
    private readonly events: ForecastLogWriterEvents,
  ) {
    this.buffer = new ServedPointsBuffer(settings.maxBufferedPoints);
    this.spare = new ServedPointsBuffer(settings.maxBufferedPoints);
    this.timer = setInterval(() => void this.flush(), settings.flushIntervalMs);
    this.timer.unref();
  }

  get buffered(): number {
    return this.buffer.points;
  }

  enqueue(model: string, version: string, series: readonly ServedSeries[]): void {
    let points = 0;
    for (const s of series) points += s.values.length;
    if (!this.buffer.append(model, version, Date.now(), series, points)) this.events.dropped('buffer_full', points);
  }

  /** Writes everything buffered so far; resolves when it is stored (or dropped). Flushes never overlap. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeOut());
    return this.flushing;
  }

  /** Stops the timer and writes what is left (on shutdown, after the HTTP server stopped taking requests). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async writeOut(): Promise<void> {
    if (this.buffer.points === 0) return;
    // Flushes never overlap, so the spare was emptied by the previous one.
    const taken = this.buffer;
    this.buffer = this.spare;
    this.spare = taken;

    const segments = new Map<string, { model: string; month: MonthIndex; servedAtMs: number; lines: SegmentBytes }>();
    let sinceYield = 0;
    for (let k = 0; k < taken.seriesCount; k++) {
      // The strings of a series were encoded once; each point adds only its numbers (encodePoint's format).
      const { model, prefix, firstMonth, servedAtMs, values } = taken.series(k);
      for (let h = 0; h < values.length; h++) {
        const month = firstMonth + h;
        const id = `${model}\u0000${month}`;
        let segment = segments.get(id);
        if (!segment) segments.set(id, (segment = { model, month, servedAtMs, lines: new SegmentBytes(this.segmentBuffers) }));
        segment.lines.push(`${prefix}${h + 1},${values[h]},${servedAtMs}]`);
      }
      sinceYield += values.length;
      // Encoding runs on the event loop that serves requests: it yields every few hundred points so a full
      // buffer never holds a request back for more than a moment.
      if (sinceYield >= YIELD_EVERY_POINTS) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    taken.reset();
    const pending = [...segments.values()];
    const worker = async (): Promise<void> => {
      for (let segment = pending.pop(); segment; segment = pending.pop()) {
        const key = segmentKey(segment.model, segment.month, segment.servedAtMs, this.replica, this.seq++);
        try {
          await this.log.prepare();
          await this.log.store.write(key, segment.lines.bytes(), { ifNoneMatch: '*' });
          this.events.written(segment.lines.lines);
        } catch (error) {
          this.events.dropped('write_failed', segment.lines.lines);
          this.events.writeFailed(error);
        } finally {
          // The store is done with the bytes once the write settles.
          segment.lines.release();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, pending.length) }, worker));
  }
}
