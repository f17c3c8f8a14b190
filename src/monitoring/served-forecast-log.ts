import { MonthIndex } from '../features/month';
import { ServedPoint } from './forecast-observer';

/** A forecast remembered for joining: the last value a model version gave for one (series, month, step). */
interface TrackedForecast {
  version: string;
  step: number;
  value: number;
  joined: boolean;
}

export interface Actual {
  country: string;
  sku: string;
  month: MonthIndex;
  value: number;
}

export type UnmatchedReason = 'no_forecast' | 'duplicate';

/** One (actual, forecast) pair produced by a join. */
export interface JoinedPoint {
  version: string;
  step: number;
  forecast: number;
  actual: number;
}

export interface JoinResult {
  joined: JoinedPoint[];
  /** Actuals that joined at least one forecast. */
  matched: number;
  unmatched: Record<UnmatchedReason, number>;
}

function seriesMonthKey(country: string, sku: string, month: MonthIndex): string {
  return `${country}\u0000${sku}\u0000${month}`;
}

/**
 * The forecasts the service served, kept for joining with actuals, in bounded memory.
 *
 * Keyed by (series, target month), each key holding one forecast per (model version, step): a month forecast
 * 1 and 6 months ahead is scored at both horizons, and a repeated request at the same step replaces the older
 * value (the latest plan counts). At most `maxTracked` forecasts are kept; the series-months served least
 * recently are evicted first. An actual joins every forecast of its series-month once; a second actual for the
 * same series-month is a `duplicate`; one with nothing to join (never served, or evicted) is `no_forecast`.
 *
 * Recording is O(1) on the request path: batches are queued as they are and indexed on the next ingest().
 */
export class ServedForecastLog {
  private readonly byKey = new Map<string, TrackedForecast[]>();
  private tracked = 0;
  private pending: { points: ServedPoint[]; version: string }[] = [];
  private pendingPoints = 0;

  constructor(readonly maxTracked: number) {}

  get size(): number {
    return this.tracked;
  }

  /** Request path: keeps a reference to the batch (callers hand over a fresh array per request). */
  enqueue(points: ServedPoint[], version: string): void {
    this.pending.push({ points, version });
    this.pendingPoints += points.length;
    // Older batches would be evicted by the newer ones anyway.
    while (this.pendingPoints - this.pending[0].points.length >= this.maxTracked) {
      this.pendingPoints -= this.pending.shift()!.points.length;
    }
  }

  ingest(): void {
    const batches = this.pending;
    this.pending = [];
    this.pendingPoints = 0;
    for (const { points, version } of batches) {
      for (const point of points) this.add(point, version);
    }
  }

  join(actuals: readonly Actual[]): JoinResult {
    this.ingest();
    const result: JoinResult = { joined: [], matched: 0, unmatched: { no_forecast: 0, duplicate: 0 } };
    for (const actual of actuals) {
      const forecasts = this.byKey.get(seriesMonthKey(actual.country, actual.sku, actual.month));
      if (!forecasts) {
        result.unmatched.no_forecast++;
        continue;
      }
      const open = forecasts.filter((f) => !f.joined);
      if (open.length === 0) {
        result.unmatched.duplicate++;
        continue;
      }
      for (const f of open) {
        f.joined = true;
        result.joined.push({ version: f.version, step: f.step, forecast: f.value, actual: actual.value });
      }
      result.matched++;
    }
    return result;
  }

  private add(point: ServedPoint, version: string): void {
    const key = seriesMonthKey(point.country, point.sku, point.month);
    let forecasts = this.byKey.get(key);
    if (forecasts) {
      this.byKey.delete(key); // re-inserted below: Map order is then least recently served first
      const same = forecasts.find((f) => f.version === version && f.step === point.step);
      if (same) {
        same.value = point.value;
        same.joined = false;
      } else {
        forecasts.push({ version, step: point.step, value: point.value, joined: false });
        this.tracked++;
      }
    } else {
      forecasts = [{ version, step: point.step, value: point.value, joined: false }];
      this.tracked++;
    }
    this.byKey.set(key, forecasts);
    while (this.tracked > this.maxTracked) {
      const oldest = this.byKey.keys().next().value as string;
      this.tracked -= this.byKey.get(oldest)!.length;
      this.byKey.delete(oldest);
    }
  }
}
