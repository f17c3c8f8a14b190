import { HORIZON_BUCKETS, horizonBucket } from '../../features/horizon-buckets';
import { addPoint, AccuracySums, AccuracySummary, emptySums, summarize } from './forecast-accuracy';

/** One evaluated (series, origin, step): the actual and every method's forecast of it, in units. */
export interface EvaluationPoint {
  country: string;
  sku: string;
  origin: number;
  step: number;
  actual: number;
  forecasts: Record<string, number>;
  /** The model's series scale at the origin (forecast = max(0, prediction × scale)). */
  scale?: number;
}

export interface MethodAccuracy {
  overall: AccuracySummary;
  byHorizonBucket: Record<string, AccuracySummary>;
  byCountry: Record<string, AccuracySummary>;
}

/** Accuracy of every method on exactly the same points: overall, per horizon bucket and per country. */
export function evaluationTable(points: EvaluationPoint[], methods: string[]): Record<string, MethodAccuracy> {
  const table: Record<string, MethodAccuracy> = {};
  for (const method of methods) {
    const overall = emptySums();
    const buckets = new Map<string, AccuracySums>(HORIZON_BUCKETS.map((b) => [b.label, emptySums()]));
    const countries = new Map<string, AccuracySums>();
    for (const point of points) {
      const forecast = point.forecasts[method];
      if (forecast === undefined) throw new RangeError(`point ${point.country}/${point.sku} step ${point.step} lacks a ${method} forecast`);
      addPoint(overall, forecast, point.actual);
      addPoint(buckets.get(horizonBucket(point.step))!, forecast, point.actual);
      if (!countries.has(point.country)) countries.set(point.country, emptySums());
      addPoint(countries.get(point.country)!, forecast, point.actual);
    }
    const byCountry = [...countries.entries()].sort(([a], [b]) => a.localeCompare(b));
    table[method] = {
      overall: summarize(overall),
      byHorizonBucket: Object.fromEntries([...buckets.entries()].filter(([, s]) => s.points > 0).map(([k, s]) => [k, summarize(s)])),
      byCountry: Object.fromEntries(byCountry.map(([k, s]) => [k, summarize(s)])),
    };
  }
  return table;
}
