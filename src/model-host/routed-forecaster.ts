import { Forecaster } from '../prediction/forecaster';
import { estimatedBodyScoringMs, estimatedScoringMs } from '../prediction/scoring-cost';
import { ModelManifest } from '../registry/model-manifest';

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
 * What admission weighs a parsed forecast body at (src/http/scoring-admission.ts): the estimated milliseconds it
 * puts on the scoring threads by the rule above, and 0 for a light request, which scores on the loop's own thread
 * at once and so waits behind nothing a bound could count. Without threads (`aboveMs` undefined) every request
 * scores on the loop's thread, one after another, and is weighed in full.
 */
export function admissionWeight(body: unknown, manifest: ModelManifest | undefined, aboveMs: number | undefined): number {
  const ms = estimatedBodyScoringMs(body, manifest);
  return aboveMs === undefined || ms > aboveMs ? ms : 0;
}
