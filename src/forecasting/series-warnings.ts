import { CategoricalFeature, FeatureSpec } from '../features/feature-spec';
import { SeriesInput } from '../prediction/forecast-input';

// Category lists can hold thousands of SKUs; a Set per feature keeps each lookup constant-time.
const knownLabels = new WeakMap<CategoricalFeature, Set<string>>();

function isKnown(feature: CategoricalFeature, label: string): boolean {
  let labels = knownLabels.get(feature);
  if (!labels) {
    labels = new Set(feature.categories);
    knownLabels.set(feature, labels);
  }
  return labels.has(label);
}

function labelOf(series: SeriesInput, feature: CategoricalFeature): { what: string; label: string | undefined } {
  switch (feature.source.kind) {
    case 'country':
      return { what: 'country', label: series.country };
    case 'sku':
      return { what: 'sku', label: series.sku };
    case 'attribute':
      return { what: `attribute "${feature.source.attribute}"`, label: series.attributes?.[feature.source.attribute] };
  }
}

/** A history with no demand signal; counted by monitoring as `all_zero_history`. */
export function isAllZeroHistory(series: Pick<SeriesInput, 'history'>): boolean {
  return series.history.values.every((v) => v === 0);
}

/** Things a client should know about a series the model can still forecast, worded for a planner. */
export function seriesWarnings(series: SeriesInput, spec: Pick<FeatureSpec, 'categoricals'>): string[] {
  const warnings: string[] = [];
  if (isAllZeroHistory(series)) {
    warnings.push('history is all zeros: the forecast has no demand signal to follow');
  }
  for (const feature of spec.categoricals) {
    const { what, label } = labelOf(series, feature);
    if (label === undefined) warnings.push(`${what} is missing: the model treats it as unknown`);
    else if (!isKnown(feature, label)) {
      warnings.push(`${what} "${label}" was not seen in training: the model treats it as unknown`);
    }
  }
  return warnings;
}
