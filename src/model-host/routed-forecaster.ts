import { Forecaster } from '../prediction/forecaster';
import { estimatedScoringMs } from '../prediction/scoring-cost';
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
    forecast: (input) => (estimatedScoringMs(input, manifest) > aboveMs ? threads : local).forecast(input),
    release: async () => {
      await Promise.all([threads.release(), local.release()]);
    },
  };
}
