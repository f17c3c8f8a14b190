import { SeriesHistory } from '../../features/feature-builder';
import { PanelForecast, PanelForecaster } from '../panel-forecaster';
import { seasonalNaiveOrNaive } from './short-history';

/** The same calendar month of the latest observed year (naive below 12 months), per series. */
export class SeasonalNaiveForecaster implements PanelForecaster {
  readonly name = 'seasonal-naive';

  async forecast(panel: SeriesHistory[], horizon: number): Promise<PanelForecast[]> {
    return panel.map((s) => seasonalNaiveOrNaive(s.values, horizon));
  }
}
