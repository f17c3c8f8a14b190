import { Registry } from 'prom-client';
import { labelSet } from './label-set';

interface Child {
  labels: Record<string, string>;
  /** Non-cumulative count per bucket; the last slot is above the highest bound (+Inf). */
  counts: Float64Array;
  sum: number;
  count: number;
  /** Exported: set by the first observation, as prom-client shows a labelled child only once observed. */
  live: boolean;
}

interface ExportedValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

/**
 * A Prometheus histogram for the request path. prom-client's observe() validates the labels object and builds a
 * hash string on every call (~0.45 µs, about 3% of a single-series request's CPU with five observations);
 * here a child is resolved once and observing is a bucket search and three additions. The exposition is
 * prom-client's: it registers as a custom metric (the registry only needs name, help, type and get()).
 */
export class FastHistogram<L extends string = never> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly bounds: Float64Array;
  private readonly children = new Map<string, Child>();
  private readonly pending = new Map<string, Child>();
  private unlabelled?: (value: number) => void;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
    buckets: readonly number[],
    registers: Registry[],
  ) {
    if (buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= buckets[i - 1]))) {
      throw new RangeError(`${name}: buckets must be finite and ascending`);
    }
    this.bounds = Float64Array.from(buckets);
    for (const registry of registers) registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
    // Without labels it is exported at zero from the start, as prom-client does.
    if (labelNames.length === 0) {
      this.unlabelled = this.labels({} as Record<L, string>);
      this.children.set('', this.pending.get('')!);
      this.pending.get('')!.live = true;
    }
  }

  /** The recorder for one label set; resolve it once and keep it. */
  labels(labels: Record<L, string>): (value: number) => void {
    const { key, labels: childLabels } = labelSet(this.name, this.labelNames, labels);
    let child = this.children.get(key) ?? this.pending.get(key);
    if (!child) {
      child = { labels: childLabels, counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0, live: false };
      this.pending.set(key, child);
    }
    const target = child;
    const bounds = this.bounds;
    return (value: number): void => {
      // prom-client throws on a non-finite value; a metric must never fail a request, so it is dropped.
      if (!Number.isFinite(value)) return;
      if (!target.live) {
        target.live = true;
        this.children.set(key, target);
      }
      let b = 0;
      while (b < bounds.length && value > bounds[b]) b++;
      target.counts[b]++;
      target.sum += value;
      target.count++;
    };
  }

  /** For a histogram without labels; one with labels throws, as prom-client does, naming the missing label. */
  observe(value: number): void {
    (this.unlabelled ??= this.labels({} as Record<L, string>))(value);
  }

  /** Zeroes every child; recorders handed out stay valid. */
  reset(): void {
    for (const [key, child] of this.children) {
      child.counts.fill(0);
      child.sum = 0;
      child.count = 0;
      if (this.labelNames.length > 0) {
        child.live = false;
        this.pending.set(key, child);
      }
    }
    if (this.labelNames.length > 0) this.children.clear();
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: ExportedValue[] } {
    const values: ExportedValue[] = [];
    const bucket = `${this.name}_bucket`;
    for (const child of this.children.values()) {
      let cumulative = 0;
      this.bounds.forEach((le, b) => {
        cumulative += child.counts[b];
        values.push({ labels: { le, ...child.labels }, value: cumulative, metricName: bucket });
      });
      values.push({ labels: { le: '+Inf', ...child.labels }, value: child.count, metricName: bucket });
      values.push({ labels: child.labels, value: child.sum, metricName: `${this.name}_sum` });
      values.push({ labels: child.labels, value: child.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
