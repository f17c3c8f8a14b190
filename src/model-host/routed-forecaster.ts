import { Forecaster } from '../prediction/forecaster';
import { estimatedBodyScoringMs, estimatedScoringMs } from '../prediction/scoring-cost';
import { ModelManifest } from '../registry/model-manifest';
import { SLICE_SCORING_MS } from '../prediction/split-pipeline';

/**
 * Each request where it is cheapest to score without stalling the event loop: on the loop's own thread when
 * its estimated cost is at most `aboveMs`, on a scoring thread otherwise. Measured with npm run bench, a round
 * trip to a thread costs more than a single series' or a 100-series batch's scoring (single-series p99 51 ms
 * against 14 ms, 100-series 0.39x against 0.45x of the lag reference), while a maximal body of unseen series
 * held the loop for seconds.
 */
export function routedForecaster(manifest: ModelManifest, local: Forecaster, threads: Forecaster, aboveMs: number): Forecaster {
  return {
    forecast: (input, cancel) => (estimatedScoringMs(input, manifest) > aboveMs ? threads : local).forecast(input, cancel),
    release: async () => {
      await Promise.all([threads.release(), local.release()]);
    },
  };
}

/**
 * What admission weighs a parsed forecast body at (src/http/scoring-admission.ts): how long, by the estimate, it
 * holds the scoring threads in one turn: its whole cost, or one slice for a heavy request, whose slices take turns
 * with other requests' tasks (scoring-threads.ts). A light request, scored on the loop's own thread at once, waits
 * behind nothing a bound could count: 0. Without threads (`aboveMs` undefined) every request scores whole on the
 * loop's thread, one after another, and is weighed in full.
 */
export function admissionWeight(body: unknown, manifest: ModelManifest | undefined, aboveMs: number | undefined): number {
  const ms = estimatedBodyScoringMs(body, manifest);
  if (aboveMs === undefined) return ms;
  return ms > aboveMs ? Math.min(ms, SLICE_SCORING_MS) : 0;
}
