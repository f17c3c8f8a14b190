import { MetricSummary } from './point-metrics';

export const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)}%` : 'n/a');
export const signedPct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%` : 'n/a');
export const fixed = (digits: number) => (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

export interface MetricColumn {
  heading: string;
  value: (s: MetricSummary) => string;
  /** Only these methods get the column (e.g. coverage for the methods that give intervals); default all. */
  methods?: string[];
}

export const METRIC_COLUMNS = {
  wape: { heading: 'WAPE', value: (s) => pct(s.wape) },
  accuracy: { heading: 'Forecast Accuracy', value: (s) => pct(s.accuracy) },
  bias: { heading: 'Bias', value: (s) => signedPct(s.bias) },
  mase: { heading: 'MASE', value: (s) => fixed(3)(s.mase) },
  smape: { heading: 'sMAPE', value: (s) => fixed(2)(s.smape) },
  coverage: { heading: '80% coverage', value: (s) => pct(s.coverage) },
  points: { heading: 'points', value: (s) => String(s.points) },
} satisfies Record<string, MetricColumn>;

export function markdownTable(headings: string[], rows: string[][], rightAligned = headings.map((_, i) => i > 0)): string[] {
  return [
    `| ${headings.join(' | ')} |`,
    `| ${rightAligned.map((r) => (r ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/**
 * Rows of labels × (metric × method) columns, methods side by side under each metric, so a row compares
 * the methods on the same points. `extra` adds leading columns (e.g. series counts) per row.
 */
export function comparisonTable(
  rowHeading: string,
  rows: { label: string; byMethod: Record<string, MetricSummary | undefined>; extra?: string[] }[],
  methods: string[],
  columns: MetricColumn[],
  extraHeadings: string[] = [],
): string[] {
  const cells = columns.flatMap((c) => (c.methods ?? methods).map((m) => ({ c, m })));
  const headings = [rowHeading, ...extraHeadings, ...cells.map(({ c, m }) => `${m} ${c.heading}`)];
  return markdownTable(
    headings,
    rows.map((r) => [r.label, ...(r.extra ?? []), ...cells.map(({ c, m }) => (r.byMethod[m] ? c.value(r.byMethod[m]!) : 'n/a'))]),
  );
}
