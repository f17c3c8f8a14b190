import { ModelManifest } from '../../registry/model-manifest';

/** The label series of countries outside the model's known ones share once MAX_COUNTRY_LABELS is reached. */
export const OTHER_COUNTRY = 'other';
const MAX_COUNTRY_LABELS = 100;

/**
 * Bounds the `country` label of the accuracy counters: the countries the served model was trained on always
 * have their own series, other countries until MAX_COUNTRY_LABELS distinct ones were seen, the rest `other`.
 * Callers choose countries, so an unbounded label would let traffic grow every replica's series without limit.
 */
export class CountryLabels {
  private readonly known = new Set<string>();

  modelLoaded(manifest: ModelManifest): string[] {
    const countries = manifest.features.categoricals.filter((c) => c.source.kind === 'country').flatMap((c) => c.categories);
    for (const country of countries) this.known.add(country);
    return countries;
  }

  labelOf(country: string): string {
    if (this.known.has(country)) return country;
    if (this.known.size < MAX_COUNTRY_LABELS && country !== OTHER_COUNTRY) {
      this.known.add(country);
      return country;
    }
    return OTHER_COUNTRY;
  }
}
