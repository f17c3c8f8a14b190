import { MonthIndex } from '../../features/month';
import { ObjectConflictError } from '../../registry/registry.errors';
import { ForecastLogStore } from './create-forecast-log-store';
import { ForecastLogUnavailableError } from './forecast-log-unavailable.error';
import { claimKey, decodeSegment, LoggedPoint, segmentPrefix, seriesKey } from './forecast-log-format';

export interface Actual {
  country: string;
  sku: string;
  month: MonthIndex;
  value: number;
}

export type UnmatchedReason = 'no_forecast' | 'duplicate';

/** One (actual, forecast) pair produced by a join. */
export interface JoinedPoint {
  country: string;
  version: string;
  step: number;
  forecast: number;
  actual: number;
}

export interface JoinResult {
  joined: JoinedPoint[];
  /** Actuals that joined at least one forecast (and were claimed by this replica). */
  matched: number;
  unmatched: Record<UnmatchedReason, number>;
}

const CLAIM_CONCURRENCY = 16;
// Parsed segments are immutable, so they are cached; bounded in points so a long log cannot grow the heap.
const CACHE_MAX_POINTS = 500_000;

/**
 * Joins actuals with the forecasts every replica logged, exactly once per (series, month) across the fleet:
 * an actual scores every (version, step) forecast of its series-month (the latest served at each), after this
 * replica wins the create-only claim for it. A second actual for a claimed series-month, posted to any replica
 * or after any restart, is a `duplicate`; one with nothing logged is `no_forecast` and claims nothing, so it
 * can be posted again once the forecast is there.
 */
export class ForecastLogJoin {
  private readonly cache = new Map<string, LoggedPoint[]>();
  private cachedPoints = 0;

  constructor(
    private readonly log: ForecastLogStore,
    private readonly replica: string,
  ) {}

  /** Throws ForecastLogUnavailableError when the store cannot be read or written. */
  async join(model: string, actuals: readonly Actual[]): Promise<JoinResult> {
    try {
      return await this.joinFromStore(model, actuals);
    } catch (error) {
      // The store's own message names the key and the store, never a credential.
      throw new ForecastLogUnavailableError(`the forecast log could not be read or claimed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async joinFromStore(model: string, actuals: readonly Actual[]): Promise<JoinResult> {
    const result: JoinResult = { joined: [], matched: 0, unmatched: { no_forecast: 0, duplicate: 0 } };
    const months = [...new Set(actuals.map((a) => a.month))];
    const forecasts = new Map<MonthIndex, Map<string, LoggedPoint[]>>();
    for (const month of months) forecasts.set(month, await this.forecastsFor(model, month));

    const pending = actuals.map((actual) => ({ actual, points: forecasts.get(actual.month)!.get(seriesKey(actual.country, actual.sku)) }));
    const worker = async (): Promise<void> => {
      for (let next = pending.pop(); next; next = pending.pop()) {
        const { actual, points } = next;
        if (!points) {
          result.unmatched.no_forecast++;
          continue;
        }
        if (!(await this.claim(model, actual, points))) {
          result.unmatched.duplicate++;
          continue;
        }
        result.matched++;
        for (const p of points) result.joined.push({ country: actual.country, version: p.version, step: p.step, forecast: p.value, actual: actual.value });
      }
    };
    await this.log.prepare();
    await Promise.all(Array.from({ length: Math.min(CLAIM_CONCURRENCY, pending.length) }, worker));
    return result;
  }

  private async claim(model: string, actual: Actual, points: LoggedPoint[]): Promise<boolean> {
    const body = { actual, scored: points.map((p) => ({ version: p.version, step: p.step, forecast: p.value })), replica: this.replica, at: new Date().toISOString() };
    try {
      await this.log.store.write(claimKey(model, actual.month, actual.country, actual.sku), Buffer.from(JSON.stringify(body)), { ifNoneMatch: '*' });
      return true;
    } catch (error) {
      if (error instanceof ObjectConflictError) return false;
      throw error;
    }
  }

  /** series key -> the latest served point per (version, step) for that month, in first-served order. */
  private async forecastsFor(model: string, month: MonthIndex): Promise<Map<string, LoggedPoint[]>> {
    const keys = await this.log.store.list(segmentPrefix(model, month));
    const latest = new Map<string, Map<string, LoggedPoint>>();
    for (const key of keys) {
      for (const point of await this.segment(key)) {
        const series = seriesKey(point.country, point.sku);
        let byForecast = latest.get(series);
        if (!byForecast) latest.set(series, (byForecast = new Map()));
        const id = `${point.version}\u0000${point.step}`;
        const seen = byForecast.get(id);
        // The latest plan counts: a repeated forecast at the same step replaces the earlier one.
        if (!seen || point.servedAtMs >= seen.servedAtMs) byForecast.set(id, point);
      }
    }
    return new Map([...latest].map(([series, byForecast]) => [series, [...byForecast.values()]]));
  }

  private async segment(key: string): Promise<LoggedPoint[]> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const object = await this.log.store.read(key);
    const points = object ? decodeSegment(object.data) : [];
    this.cache.set(key, points);
    this.cachedPoints += points.length;
    for (const [oldest, value] of this.cache) {
      if (this.cachedPoints <= CACHE_MAX_POINTS) break;
      this.cache.delete(oldest);
      this.cachedPoints -= value.length;
    }
    return points;
  }
}
