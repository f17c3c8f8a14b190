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
 * Recording on the request path only copies numbers into a queue; indexing happens on the next ingest().
 * Forecasts live in typed arrays (a slot per forecast, chained per key), not one object each: at 100,000
 * tracked forecasts the object layout was profiled at ~45 MB of peak RSS and a share of every GC; this is ≤ 5 MB.
 */
export class ServedForecastLog {
  /** (series id * MONTH_SPAN + month) -> first slot of that key's chain; Map order = least recently served first. */
  private readonly byKey = new Map<number, number>();
  /** country -> sku -> series id; ids are recycled once no key of the series is tracked. */
  private readonly seriesIds = new Map<string, Map<string, number>>();
  private seriesNames: [string, string][] = [];
  /** Per series id: its tracked keys plus its queued records; the id is recycled at 0. */
  private seriesRefs: number[] = [];
  private freeSeries: number[] = [];
  private readonly versions: string[] = [];

  private values = new Float64Array(0);
  private steps = new Int32Array(0);
  private versionOf = new Int32Array(0);
  private joined = new Uint8Array(0);
  /** Next slot of the same key, or of the free list. */
  private next = new Int32Array(0);
  private free = NONE;
  private tracked = 0;

  // The queue holds numbers only (series id, month, version, length per record; values flat), never the request's
  // objects: records kept for up to DRIFT_INTERVAL_MS survived into the old generation and, at 100,000 queued
  // points, held ~80 MB of heap (measured: peak RSS 290-310 MB, 186 MB with the queue bounded to 1,000).
  private queue = { series: [] as number[], month: [] as number[], version: [] as number[], length: [] as number[], values: [] as number[] };
  private queueHead = 0;
  private valueHead = 0;
  private pendingPoints = 0;

  constructor(readonly maxTracked: number) {}

  get size(): number {
    return this.tracked;
  }

  /** Request path: copies the records' numbers into the queue; indexing waits for ingest(). */
  enqueue(series: readonly ServedSeries[], version: string): void {
    const q = this.queue;
    const v = this.versionIndex(version);
    for (const s of series) {
      const id = this.seriesId(s.country, s.sku);
      this.seriesRefs[id]++;
      q.series.push(id);
      q.month.push(s.firstMonth);
      q.version.push(v);
      q.length.push(s.values.length);
      for (let h = 0; h < s.values.length; h++) q.values.push(s.values[h]);
      this.pendingPoints += s.values.length;
    }
    // Older records would be evicted by the newer ones anyway.
    while (this.pendingPoints - q.length[this.queueHead] >= this.maxTracked) {
      const n = q.length[this.queueHead];
      this.pendingPoints -= n;
      this.valueHead += n;
      this.unref(q.series[this.queueHead++]);
    }
    if (this.queueHead > 4096 && this.queueHead * 2 > q.series.length) {
      for (const column of [q.series, q.month, q.version, q.length]) column.splice(0, this.queueHead);
      q.values.splice(0, this.valueHead);
      this.queueHead = 0;
      this.valueHead = 0;
    }
  }

  ingest(): void {
    const q = this.queue;
    this.queue = { series: [], month: [], version: [], length: [], values: [] };
    let offset = this.valueHead;
    for (let r = this.queueHead; r < q.series.length; r++) {
      const id = q.series[r];
      const base = id * MONTH_SPAN + q.month[r];
      const n = q.length[r];
      for (let h = 0; h < n; h++) this.add(base + h, q.version[r], h + 1, q.values[offset + h]);
      offset += n;
      this.unref(id); // the queue's reference, held until now so evictions during the record cannot recycle the id
    }
    this.queueHead = 0;
    this.valueHead = 0;
    this.pendingPoints = 0;
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
      this.seriesRefs[Math.floor(key / MONTH_SPAN)]++;
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
    this.unref(Math.floor(key / MONTH_SPAN));
  }

  private unref(id: number): void {
    if (--this.seriesRefs[id] > 0) return;
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
      this.seriesRefs[id] = 0;
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
