/** Seasonal monthly history with a mild trend, deterministic, for request bodies in tests. */
export function seasonalValues(months: number, level = 100, seed = 1): number[] {
  return Array.from({ length: months }, (_, t) => {
    const season = 1 + 0.3 * Math.sin((2 * Math.PI * (t + seed)) / 12);
    return Math.round(level * season * (1 + 0.01 * t) * 100) / 100;
  });
}

export interface SeriesBody {
  id?: string;
  country: string;
  sku: string;
  attributes?: Record<string, string>;
  history: { start: string; values: unknown[] };
}

export function series(overrides: Partial<SeriesBody> = {}): SeriesBody {
  return { country: 'DE', sku: 'SKU-A', history: { start: '2021-01', values: seasonalValues(36) }, ...overrides };
}
