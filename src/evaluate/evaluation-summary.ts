import { horizonBucket, HORIZON_BUCKETS } from '../features/horizon-buckets';
import { addScoredPoint, emptyMetricSums, MetricSums, MetricSummary, summarizeMetrics } from './point-metrics';
import { EvaluationRun, OriginRun } from './run-evaluation';
import { orderLabels, SEGMENT_DIMENSIONS, SegmentDimension } from './segments';

export interface MethodSummary {
  overall: MetricSummary;
  /** Keyed by origin offset. */
  byOrigin: Record<string, MetricSummary>;
  byHorizonBucket: Record<string, MetricSummary>;
  bySegment: Record<SegmentDimension, Record<string, MetricSummary>>;
  /** Per segment label, how many series-origins each `method` value of the forecasts served. */
  served: Record<SegmentDimension, Record<string, Record<string, number>>>;
}

export interface SegmentCount {
  /** Distinct series over all origins. */
  series: number;
  /** Series counted once per origin they take part in. */
  seriesOrigins: number;
  points: number;
}

export interface EvaluationSummary {
  methods: Record<string, MethodSummary>;
  segments: Record<SegmentDimension, Record<string, SegmentCount>>;
  origins: OriginRun[];
  /** Distinct series evaluated at any origin. */
  series: number;
  points: number;
  horizon: number;
  minHistory: number;
}

function keyed<T>(make: () => T) {
  const map = new Map<string, T>();
  return {
    get(key: string): T {
      if (!map.has(key)) map.set(key, make());
      return map.get(key)!;
    },
    entries: () => map,
  };
}

function perDimension<T>(make: () => T): Record<SegmentDimension, ReturnType<typeof keyed<T>>> {
  return Object.fromEntries(SEGMENT_DIMENSIONS.map((d) => [d, keyed(make)])) as Record<SegmentDimension, ReturnType<typeof keyed<T>>>;
}

function summarizeMethod(run: EvaluationRun, method: string): MethodSummary {
  const overall = emptyMetricSums();
  const byOrigin = keyed(emptyMetricSums);
  const byBucket = keyed(emptyMetricSums);
  const bySegment = perDimension(emptyMetricSums);
  const served = perDimension(() => ({}) as Record<string, number>);
  for (const o of run.outcomes) {
    const f = o.forecasts[method];
    const targets: MetricSums[] = [overall, byOrigin.get(String(o.offset)), ...SEGMENT_DIMENSIONS.map((d) => bySegment[d].get(o.segments[d]))];
    for (const d of SEGMENT_DIMENSIONS) {
      const counts = served[d].get(o.segments[d]);
      counts[f.method] = (counts[f.method] ?? 0) + 1;
    }
    o.actuals.forEach((actual, i) => {
      const point = { forecast: f.values[i], actual, lower: f.lower?.[i], upper: f.upper?.[i], scale: o.scale };
      for (const t of targets) addScoredPoint(t, point);
      addScoredPoint(byBucket.get(horizonBucket(i + 1)), point);
    });
  }
  const summarized = (m: Map<string, MetricSums>, order: string[]) =>
    Object.fromEntries(order.filter((k) => m.has(k)).map((k) => [k, summarizeMetrics(m.get(k)!)]));
  return {
    overall: summarizeMetrics(overall),
    byOrigin: summarized(byOrigin.entries(), run.origins.map((o) => String(o.offset))),
    byHorizonBucket: summarized(byBucket.entries(), HORIZON_BUCKETS.map((b) => b.label)),
    bySegment: Object.fromEntries(
      SEGMENT_DIMENSIONS.map((d) => [d, summarized(bySegment[d].entries(), orderLabels(d, bySegment[d].entries().keys()))]),
    ) as MethodSummary['bySegment'],
    served: Object.fromEntries(
      SEGMENT_DIMENSIONS.map((d) => [d, Object.fromEntries(orderLabels(d, served[d].entries().keys()).map((l) => [l, served[d].get(l)]))]),
    ) as MethodSummary['served'],
  };
}

function segmentCounts(run: EvaluationRun): EvaluationSummary['segments'] {
  const result = {} as EvaluationSummary['segments'];
  for (const d of SEGMENT_DIMENSIONS) {
    const counts = keyed(() => ({ series: new Set<number>(), seriesOrigins: 0, points: 0 }));
    for (const o of run.outcomes) {
      const c = counts.get(o.segments[d]);
      c.series.add(o.seriesIndex);
      c.seriesOrigins++;
      c.points += o.actuals.length;
    }
    const map = counts.entries();
    result[d] = Object.fromEntries(
      orderLabels(d, map.keys()).map((l) => {
        const c = map.get(l)!;
        return [l, { series: c.series.size, seriesOrigins: c.seriesOrigins, points: c.points }];
      }),
    );
  }
  return result;
}

/** Every table of the report, computed once from the run. */
export function summarizeEvaluation(run: EvaluationRun): EvaluationSummary {
  return {
    methods: Object.fromEntries(run.methods.map((m) => [m, summarizeMethod(run, m)])),
    segments: segmentCounts(run),
    origins: run.origins,
    series: new Set(run.outcomes.map((o) => o.seriesIndex)).size,
    points: run.outcomes.reduce((sum, o) => sum + o.actuals.length, 0),
    horizon: run.horizon,
    minHistory: run.minHistory,
  };
}
