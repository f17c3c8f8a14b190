import { ModelManifest } from '../registry/model-manifest';
import { ColumnCheck } from './data-quality';
import { categoricalLayout, numericLayout } from './drift-math';
import { TrackedQuantity } from './drift-window';

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

/** What drift is computed for: each feature the manifest has a reference for, then the prediction. */
export function buildTrackedQuantities(manifest: ModelManifest): TrackedQuantity[] {
  const drift = manifest.drift;
  if (!drift) return [];
  const columns = new Map(manifest.features.names.map((name, i) => [name, i]));
  const categories = new Map(manifest.features.categoricals.map((c) => [c.name, c.categories]));
  const tracked: TrackedQuantity[] = [];
  for (const ref of drift.features) {
    const column = columns.get(ref.name);
    if (column === undefined) continue;
    const layout = ref.kind === 'numeric' ? numericLayout(ref) : categoricalLayout(ref, categories.get(ref.name) ?? []);
    tracked.push({ name: ref.name, column, layout });
  }
  tracked.push({ name: PREDICTION_FEATURE, column: -1, layout: numericLayout(drift.prediction) });
  return tracked;
}
