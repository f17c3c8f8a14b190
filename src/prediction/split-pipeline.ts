import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput } from './forecast-input';
import { FORECAST_STAGES, PipelineResult, StageTiming } from './forecast-pipeline';
import { ForecastValues } from './forecast-values';
import { estimatedSeriesScoringMs } from './scoring-cost';

/**
 * About this much estimated scoring per slice of a heavy request on the scoring threads: a client that leaves
 * stops its request within one slice per thread (a maximal body of new series went on scoring for seconds after
 * its client had gone, and the first request after a load waited for it), and other requests' tasks take their
 * turn between a heavy request's slices, so a heavy request holds the threads for at most this much at a time.
 * Small enough that one slice and a maximal body of trained series (~54 ms) fit the admission bound's default
 * (150, MAX_SCORING_MS_IN_FLIGHT) together. Against 250 ms slices a maximal body of new series scored in the
 * same time within the noise (`node scripts/load/measure-split.js`, 2.74–2.77 s against 2.84–2.96 s on one thread).
 */
export const SLICE_SCORING_MS = 90;

/**
 * Up to `parts` consecutive slices of the request's series, of about equal estimated scoring time, so that threads
 * scoring one each finish together. Every series' forecast depends on its own history and the model alone, so the
 * slices' answers put back in order are the whole request's (split-pipeline.spec.ts checks it byte for byte).
 */
export function splitByCost(input: ForecastInput, manifest: ModelManifest, parts: number): ForecastInput[] {
  const count = Math.min(parts, input.series.length);
  if (count <= 1) return [input];
  const costs = estimatedSeriesScoringMs(input, manifest);
  const total = costs.reduce((sum, ms) => sum + ms, 0);
  const slices: ForecastInput[] = [];
  let from = 0;
  let spent = 0;
  for (let i = 0; i < input.series.length; i++) {
    spent += costs[i];
    const remainingSeries = input.series.length - (i + 1);
    const remainingSlices = count - slices.length - 1;
    // Cut once this slice holds its share of the cost, leaving a series for every slice still to come.
    if (remainingSlices > 0 && (spent >= (total * (slices.length + 1)) / count || remainingSeries === remainingSlices)) {
      slices.push({ horizon: input.horizon, series: input.series.slice(from, i + 1) });
      from = i + 1;
    }
  }
  slices.push({ horizon: input.horizon, series: input.series.slice(from) });
  return slices;
}

function concatFloat64(parts: Array<Float64Array | undefined>, lengths: number[]): Float64Array {
  const out = new Float64Array(lengths.reduce((sum, n) => sum + n, 0));
  let at = 0;
  parts.forEach((part, k) => {
    if (part === undefined) out.fill(Number.NaN, at, at + lengths[k]);
    else out.set(part, at);
    at += lengths[k];
  });
  return out;
}

function concatForecasts(parts: ForecastValues[]): ForecastValues {
  const lengths = parts.map((p) => p.values.length);
  const firstMonths = new Int32Array(parts.reduce((sum, p) => sum + p.firstMonths.length, 0));
  let at = 0;
  for (const p of parts) {
    firstMonths.set(p.firstMonths, at);
    at += p.firstMonths.length;
  }
  const merged: ForecastValues = { horizon: parts[0].horizon, firstMonths, values: concatFloat64(parts.map((p) => p.values), lengths) };
  // A slice without intervals has none for any of its series: NaN, as a series without an interval reads.
  if (parts.some((p) => p.lower !== undefined)) {
    merged.lower = concatFloat64(parts.map((p) => p.lower), lengths);
    merged.upper = concatFloat64(parts.map((p) => p.upper), lengths);
  }
  return merged;
}

/** Each stage as the request saw it: from the first slice's start to the last slice's end. */
function spanStages(parts: PipelineResult[]): StageTiming[] {
  const stages: StageTiming[] = [];
  for (const stage of FORECAST_STAGES) {
    const timings = parts.flatMap((p) => p.stages.filter((s) => s.stage === stage));
    if (timings.length === 0) continue;
    const startedAtMs = Math.min(...timings.map((s) => s.startedAtMs));
    const endedAtMs = Math.max(...timings.map((s) => s.startedAtMs + s.seconds * 1000));
    stages.push({ stage, startedAtMs, seconds: (endedAtMs - startedAtMs) / 1000 });
  }
  return stages;
}

/** The results of consecutive slices (splitByCost) as the one result of the whole request. */
export function concatPipelineResults(parts: PipelineResult[]): PipelineResult {
  if (parts.length === 1) return parts[0];
  const columnCount = parts.find((p) => p.rows.rowCount > 0)?.rows.columnCount ?? parts[0].rows.columnCount;
  const data = new Float32Array(parts.reduce((sum, p) => sum + p.rows.rowCount * columnCount, 0));
  const predictions = new Float32Array(parts.reduce((sum, p) => sum + p.predictions.length, 0));
  let rowsAt = 0;
  let predictionsAt = 0;
  for (const p of parts) {
    data.set(p.rows.data.subarray(0, p.rows.rowCount * columnCount), rowsAt);
    rowsAt += p.rows.rowCount * columnCount;
    predictions.set(p.predictions, predictionsAt);
    predictionsAt += p.predictions.length;
  }
  const merged: PipelineResult = {
    forecasts: concatForecasts(parts.map((p) => p.forecasts)),
    rows: { data, rowCount: parts.reduce((sum, p) => sum + p.rows.rowCount, 0), columnCount },
    predictions,
    stages: spanStages(parts),
  };
  if (parts.some((p) => p.methods !== undefined)) merged.methods = parts.flatMap((p) => p.methods ?? []);
  return merged;
}
