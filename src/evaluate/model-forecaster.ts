import { PanelForecast, PanelForecaster } from './panel-forecaster';
import { SeriesHistory } from '../features/feature-builder';
import { forecastPanel, trainEnsembleModel } from '../training/ensemble/train-ensemble';
import { DEFAULT_TRAINING_PARAMS, TrainingParams } from '../training/training-params';
import { createTrainingProgress, TrainingProgress } from '../training/training-progress';

const SILENT: TrainingProgress = { stage() {}, update() {}, log() {}, stop() {} };

/** Attribute columns the panel's series carry: the trees learn from whatever the evaluated CSV has. */
function panelAttributes(panel: SeriesHistory[]): string[] {
  const names = new Set<string>();
  for (const s of panel) for (const name of Object.keys(s.attributes ?? {})) names.add(name);
  return [...names].sort();
}

/**
 * The project's model as a PanelForecaster, for `--method model`: the whole training (backtest, combination
 * weights, interval calibration, trees, per-series models) runs on the cut panel it is given, then forecasts
 * exactly as serving does, so the evaluation is out of sample for everything the model learns.
 */
export async function createModelForecaster(
  params: TrainingParams = DEFAULT_TRAINING_PARAMS,
  // Progress on a terminal only: the CLI's own output is its report.
  progress: TrainingProgress = process.stderr.isTTY ? createTrainingProgress() : SILENT,
): Promise<PanelForecaster> {
  return {
    name: 'model',
    async forecast(panel: SeriesHistory[], horizon: number): Promise<PanelForecast[]> {
      const runParams: TrainingParams = { ...params, features: { ...params.features, maxHorizon: horizon, attributes: panelAttributes(panel) } };
      const model = trainEnsembleModel(panel, runParams, progress);
      return forecastPanel(model, panel, horizon).map((f) => ({
        values: Array.from(f.values),
        ...(f.lower && f.upper ? { lower: Array.from(f.lower), upper: Array.from(f.upper) } : {}),
        method: f.method,
      }));
    },
  };
}
