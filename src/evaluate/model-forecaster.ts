import { PanelForecaster } from '../core/panel-forecaster';

/**
 * The project's trained model as a PanelForecaster, for `--method model`.
 * TEMPORARY PLACEHOLDER: the lead replaces this body with the trained model's factory; until then `model` fails
 * with a clear message and the CLI's default methods are the baselines.
 */
export async function createModelForecaster(): Promise<PanelForecaster> {
  throw new ModelForecasterNotWiredError();
}

export class ModelForecasterNotWiredError extends Error {
  constructor() {
    super('--method model: the project model is not wired yet (src/evaluate/model-forecaster.ts is a placeholder)');
  }
}
