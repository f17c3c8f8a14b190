/** One child's label set, checked against the metric's label names: its map key and its labels in declared order. */
export interface LabelSet {
  key: string;
  labels: Record<string, string>;
}

/**
 * Resolves a label set once, when a FastCounter or FastHistogram child is bound (callers keep the binding), so
 * the request path never hashes or validates labels. A missing label throws naming it, as prom-client does.
 */
export function labelSet<L extends string>(metric: string, labelNames: readonly L[], labels: Record<L, string>): LabelSet {
  const values = labelNames.map((name) => {
    const value = labels[name];
    if (typeof value !== 'string') throw new TypeError(`${metric}: label "${name}" is missing`);
    return value;
  });
  return { key: values.join('\u0000'), labels: Object.fromEntries(labelNames.map((n, i) => [n, values[i]])) };
}
