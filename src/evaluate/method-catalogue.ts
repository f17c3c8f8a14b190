import { PanelForecaster } from './panel-forecaster';
import { AugursForecaster } from './baselines/augurs-forecaster';
import { HoltWintersForecaster } from './baselines/holt-winters-forecaster';
import { SeasonalNaiveForecaster } from './baselines/seasonal-naive-forecaster';
import { createModelForecaster } from './model-forecaster';

/** The model and the baselines it is judged against; the CLI's default is to score all of them. */
export const BASELINE_NAMES = ['seasonal-naive', 'holt-winters', 'augurs-mstl-ets'] as const;
export const METHOD_NAMES = ['model', ...BASELINE_NAMES] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export async function createForecaster(name: MethodName): Promise<PanelForecaster> {
  switch (name) {
    case 'model':
      return createModelForecaster();
    case 'seasonal-naive':
      return new SeasonalNaiveForecaster();
    case 'holt-winters':
      return new HoltWintersForecaster();
    case 'augurs-mstl-ets':
      return AugursForecaster.load();
  }
}
