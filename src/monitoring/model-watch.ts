import { ModelManifest } from '../registry/model-manifest';
import { ColumnCheck } from './data-quality/data-quality';
import { BinLayout, categoricalLayout, MISSING_LABEL, numericLayout, OTHER_LABEL } from './drift/drift-math';
import { RowCells, TrackedQuantity } from './drift/drift-window';
import { segmentBin, segmentLabels } from './drift/segment-bins';
import { CategoricalReference, NumericReference } from '../registry/model-manifest';

/** The label the prediction's drift is exported under, beside the model's feature names. */
export const PREDICTION_FEATURE = 'prediction';

/** Data-quality checks for every model input column: ranges from the drift reference where there is one. */
export function buildColumnChecks(manifest: ModelManifest): ColumnCheck[] {
  const categorical = new Set(manifest.features.categoricals.map((c) => c.name));
  const references = new Map((manifest.drift?.features ?? []).map((r) => [r.name, r]));
  return manifest.features.names.map((name) => {
    const ref = references.get(name);
    return ref?.kind === 'numeric'
      ? { name, categorical: categorical.has(name), min: ref.min, max: ref.max }
      : { name, categorical: categorical.has(name) };
  });
}

/** A cell's label shares folded into the layout's bins (labels beyond the kept ones count as `__other__`). */
function categoricalCellShares(layout: BinLayout, cell: Record<string, number>): number[] {
  const shares = new Array<number>(layout.labels.length).fill(0);
  const otherBin = layout.labels.indexOf(OTHER_LABEL);
  for (const [label, share] of Object.entries(cell)) {
    const bin = layout.labels.indexOf(label);
    shares[bin >= 0 ? bin : label === MISSING_LABEL ? layout.labels.length - 1 : otherBin] += share;
  }
  return shares;
}

function cellSharesOf(ref: NumericReference | CategoricalReference, layout: BinLayout, cellRows: readonly number[]): (number[] | undefined)[] | undefined {
  if (!ref.cellShares) return undefined;
  // A cell without reference rows says nothing: the pooled shares stand in for it.
  return ref.cellShares.map((cell, c) =>
    cellRows[c] > 0 ? (ref.kind === 'numeric' ? [...(cell as number[])] : categoricalCellShares(layout, cell as Record<string, number>)) : undefined,
  );
}

/**
 * What drift is computed for: each feature the manifest has a reference for and does not list as dropped
 * (constant, or fixed by the calendar), then the prediction; with their per-cell references when conditioned.
 */
export function buildTrackedQuantities(manifest: ModelManifest): TrackedQuantity[] {
  const drift = manifest.drift;
  if (!drift) return [];
  const columns = new Map(manifest.features.names.map((name, i) => [name, i]));
  const categories = new Map(manifest.features.categoricals.map((c) => [c.name, c.categories]));
  const dropped = new Set((drift.dropped ?? []).map((d) => d.name));
  const cellRows = drift.conditioning?.cellRows ?? [];
  const tracked: TrackedQuantity[] = [];
  for (const ref of drift.features) {
    const column = columns.get(ref.name);
    if (column === undefined || dropped.has(ref.name)) continue;
    const layout = ref.kind === 'numeric' ? numericLayout(ref) : categoricalLayout(ref, categories.get(ref.name) ?? []);
    tracked.push({ name: ref.name, column, layout, cellShares: cellSharesOf(ref, layout, cellRows) });
  }
  for (const segment of drift.segments ?? []) {
    const column = columns.get(segment.feature);
    const byColumn = columns.get(segment.by);
    if (column === undefined || byColumn === undefined) continue;
    tracked.push({
      name: segment.name,
      column,
      layout: { labels: segmentLabels(segment), referenceShares: [...segment.shares], binOf: () => -1 },
      rowBin: (rows, offset) => {
        const value = rows[offset + column];
        return Number.isNaN(value) ? -1 : segmentBin(segment, rows[offset + byColumn], value);
      },
    });
  }
  const layout = numericLayout(drift.prediction);
  tracked.push({ name: PREDICTION_FEATURE, column: -1, layout, cellShares: cellSharesOf(drift.prediction, layout, cellRows) });
  return tracked;
}

/** The conditioning cell of a model input row, read from its origin-month and horizon columns. */
export function buildRowCells(manifest: ModelManifest): RowCells | undefined {
  const conditioning = manifest.drift?.conditioning;
  if (!conditioning) return undefined;
  const originColumn = manifest.features.names.indexOf(conditioning.originMonthColumn);
  const horizonColumn = manifest.features.names.indexOf(conditioning.horizonColumn);
  const buckets = conditioning.horizonBuckets;
  const bucketOfStep: number[] = [];
  for (let step = 1; step <= manifest.maxHorizon; step++) {
    const bucket = buckets.findIndex((b) => step >= b.from && step <= b.to);
    bucketOfStep[step] = bucket >= 0 ? bucket : buckets.length - 1;
  }
  return {
    count: 12 * buckets.length,
    of: (rows, offset) => {
      const month = rows[offset + originColumn];
      const bucket = bucketOfStep[rows[offset + horizonColumn]];
      return Number.isInteger(month) && month >= 1 && month <= 12 && bucket !== undefined ? (month - 1) * buckets.length + bucket : -1;
    },
  };
}
