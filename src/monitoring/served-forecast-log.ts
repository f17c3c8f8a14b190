import { MonthIndex } from '../features/month';
import { ServedSeries } from './forecast-observer';

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

// Month indexes of years 0000-9999 (plus a horizon) fit below 2^17, so (series id, month) packs into one
// number key: a Map with number keys needs no string built per forecast point.
const MONTH_SPAN = 131_072;
const NONE = -1;
const INITIAL_SLOTS = 1024;

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
 * Forecasts live in typed arrays (a slot per forecast, chained per key), not one object each: at 100,000
 * tracked forecasts the object layout cost ~45 MB of heap and a share of every GC; this costs ~2 MB.
 */
export class ServedForecastLog {
  /** (series id * MONTH_SPAN + month) -> first slot of that key's chain; Map order = least recently served first. */
  private readonly byKey = new Map<number, number>();
  /** country -> sku -> series id; ids are recycled once no key of the series is tracked. */
  private readonly seriesIds = new Map<string, Map<string, number>>();
  private seriesNames: [string, string][] = [];
  private seriesKeys: number[] = [];
  private freeSeries: number[] = [];
  private readonly versions: string[] = [];

  private values = new Float64Array(0);
  private steps = new Int32Array(0);
  private versionOf = new Int32Array(0);
  private joined = new Uint8Array(0);
  /** Next slot of the same key, or of the free list. */
  private next = new Int32Array(0);
  private free = NONE;
  private pinned = NONE;
  private tracked = 0;

  private pending: { series: readonly ServedSeries[]; version: string; points: number }[] = [];
  private pendingPoints = 0;

  constructor(readonly maxTracked: number) {}

  get size(): number {
    return this.tracked;
  }

  /** Request path: keeps a reference to the batch (callers hand over fresh records per request). */
  enqueue(series: readonly ServedSeries[], version: string): void {
    let points = 0;
    for (const s of series) points += s.values.length;
    this.pending.push({ series, version, points });
    this.pendingPoints += points;
    // Older batches would be evicted by the newer ones anyway.
    while (this.pendingPoints - this.pending[0].points >= this.maxTracked) {
      this.pendingPoints -= this.pending.shift()!.points;
    }
  }

  ingest(): void {
    const batches = this.pending;
    this.pending = [];
    this.pendingPoints = 0;
    for (const { series, version } of batches) {
      const v = this.versionIndex(version);
      for (const s of series) {
        const id = this.seriesId(s.country, s.sku);
        // Pinned while its points go in: with a tiny maxTracked they can evict the series' own older keys.
        this.pinned = id;
        const values = s.values;
        for (let h = 0; h < values.length; h++) this.add(id * MONTH_SPAN + s.firstMonth + h, v, h + 1, values[h]);
        this.pinned = NONE;
        if (this.seriesKeys[id] === 0) this.releaseSeries(id);
      }
    }
  }

  join(actuals: readonly Actual[]): JoinResult {
    this.ingest();
    const result: JoinResult = { joined: [], matched: 0, unmatched: { no_forecast: 0, duplicate: 0 } };
    for (const actual of actuals) {
      const id = this.seriesIds.get(actual.country)?.get(actual.sku);
      const head = id === undefined ? undefined : this.byKey.get(id * MONTH_SPAN + actual.month);
      if (head === undefined) {
        result.unmatched.no_forecast++;
        continue;
      }
      let opened = 0;
      for (let slot = head; slot !== NONE; slot = this.next[slot]) {
        if (this.joined[slot]) continue;
        this.joined[slot] = 1;
        opened++;
        result.joined.push({ version: this.versions[this.versionOf[slot]], step: this.steps[slot], forecast: this.values[slot], actual: actual.value });
      }
      if (opened === 0) result.unmatched.duplicate++;
      else result.matched++;
    }
    return result;
  }

  private add(key: number, version: number, step: number, value: number): void {
    const head = this.byKey.get(key);
    if (head === undefined) {
      const slot = this.takeSlot(version, step, value);
      this.seriesKeys[Math.floor(key / MONTH_SPAN)]++;
      this.byKey.set(key, slot);
    } else {
      this.byKey.delete(key); // re-inserted below: Map order is then least recently served first
      this.byKey.set(key, head);
      let last = head;
      for (let slot = head; slot !== NONE; slot = this.next[slot]) {
        if (this.versionOf[slot] === version && this.steps[slot] === step) {
          this.values[slot] = value;
          this.joined[slot] = 0;
          return;
        }
        last = slot;
      }
      // Appended, so a join lists a key's forecasts in the order they were first served.
      this.next[last] = this.takeSlot(version, step, value);
    }
    while (this.tracked > this.maxTracked) this.evictOldest();
  }

  private takeSlot(version: number, step: number, value: number): number {
    if (this.free === NONE) this.grow();
    const slot = this.free;
    this.free = this.next[slot];
    this.next[slot] = NONE;
    this.values[slot] = value;
    this.steps[slot] = step;
    this.versionOf[slot] = version;
    this.joined[slot] = 0;
    this.tracked++;
    return slot;
  }

  private evictOldest(): void {
    const key = this.byKey.keys().next().value as number;
    let slot = this.byKey.get(key)!;
    this.byKey.delete(key);
    while (slot !== NONE) {
      const following = this.next[slot];
      this.next[slot] = this.free;
      this.free = slot;
      this.tracked--;
      slot = following;
    }
    const id = Math.floor(key / MONTH_SPAN);
    if (--this.seriesKeys[id] === 0 && id !== this.pinned) this.releaseSeries(id);
  }

  private releaseSeries(id: number): void {
    const [country, sku] = this.seriesNames[id];
    const skus = this.seriesIds.get(country)!;
    skus.delete(sku);
    if (skus.size === 0) this.seriesIds.delete(country);
    this.freeSeries.push(id);
  }

  /** Doubles the slot arrays up to maxTracked + 1 (one over, taken and then evicted by add). */
  private grow(): void {
    const old = this.values.length;
    const size = Math.min(Math.max(INITIAL_SLOTS, old * 2), this.maxTracked + 1);
    if (size <= old) throw new RangeError('served forecast log has no free slot');
    const resize = <T extends Float64Array | Int32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const bigger = make(size);
      bigger.set(array);
      return bigger;
    };
    this.values = resize(this.values, (n) => new Float64Array(n));
    this.steps = resize(this.steps, (n) => new Int32Array(n));
    this.versionOf = resize(this.versionOf, (n) => new Int32Array(n));
    this.joined = resize(this.joined, (n) => new Uint8Array(n));
    this.next = resize(this.next, (n) => new Int32Array(n));
    for (let slot = size - 1; slot >= old; slot--) {
      this.next[slot] = this.free;
      this.free = slot;
    }
  }

  private seriesId(country: string, sku: string): number {
    let skus = this.seriesIds.get(country);
    if (!skus) {
      skus = new Map();
      this.seriesIds.set(country, skus);
    }
    let id = skus.get(sku);
    if (id === undefined) {
      id = this.freeSeries.pop() ?? this.seriesNames.length;
      this.seriesNames[id] = [country, sku];
      this.seriesKeys[id] = 0;
      skus.set(sku, id);
    }
    return id;
  }

  private versionIndex(version: string): number {
    const known = this.versions.indexOf(version);
    if (known >= 0) return known;
    this.versions.push(version);
    return this.versions.length - 1;
  }
}
