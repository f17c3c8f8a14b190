import { Registry } from 'prom-client';
import { labelSet } from './label-set';

interface Child {
  labels: Record<string, string>;
  value: number;
}

/**
 * A Prometheus counter for the request path. prom-client's inc() hashes and validates the labels object on
 * every call, even through a labels() binding; here a child is resolved once and counting is one addition.
 * Exposition is prom-client's (a custom metric, as FastHistogram): a labelled child appears once incremented
 * (inc(0) included), an unlabelled counter at zero from the start.
 */
export class FastCounter<L extends string = never> {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private readonly children = new Map<string, Child>();
  private unlabelled?: (value?: number) => void;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
    registers: Registry[],
  ) {
    for (const registry of registers) registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
    if (labelNames.length === 0) this.unlabelled = this.labels({} as Record<L, string>);
  }

  /** The incrementer for one label set; resolve it once and keep it. The child is exported from here on. */
  labels(labels: Record<L, string>): (value?: number) => void {
    const set = labelSet(this.name, this.labelNames, labels);
    let child = this.children.get(set.key);
    if (!child) {
      child = { labels: set.labels, value: 0 };
      this.children.set(set.key, child);
    }
    const target = child;
    return (value = 1): void => {
      // prom-client throws on a negative or non-finite value; a metric must never fail a request, so it is dropped.
      if (value >= 0 && value < Infinity) target.value += value;
    };
  }

  /**
   * Forgets every labelled child, as prom-client's reset() does (an unlabelled counter restarts at zero).
   * Incrementers resolved before count into children no longer exported: resolve them again.
   */
  reset(): void {
    this.children.clear();
    this.unlabelled = this.labelNames.length === 0 ? this.labels({} as Record<L, string>) : undefined;
  }

  /** For a counter without labels; one with labels throws, naming the missing label. */
  inc(value?: number): void {
    (this.unlabelled ??= this.labels({} as Record<L, string>))(value);
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: { labels: Record<string, string>; value: number }[] } {
    const values = [...this.children.values()].map((c) => ({ labels: c.labels, value: c.value }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
