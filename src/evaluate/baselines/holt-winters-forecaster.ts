import { SeriesHistory } from '../../features/feature-builder';
import { PanelForecast, PanelForecaster } from '../panel-forecaster';
import { fitBestHoltWinters, forecastHoltWinters } from '../../training/baselines/holt-winters';
import { allFinite, seasonalNaiveOrNaive } from './short-history';

const PERIOD = 12;

/**
 * The project's damped-trend Holt-Winters, additive or multiplicative by in-sample SSE, fitted per series on
 * the panel it is given; below two seasons (what its start needs) it falls back to seasonal naive or naive.
 */
export class HoltWintersForecaster implements PanelForecaster {
  readonly name = 'holt-winters';

  async forecast(panel: SeriesHistory[], horizon: number): Promise<PanelForecast[]> {
    return panel.map((s) => {
      if (s.values.length < 2 * PERIOD) return seasonalNaiveOrNaive(s.values, horizon);
      const fit = fitBestHoltWinters(s.values, PERIOD);
      const values = forecastHoltWinters(fit.state, PERIOD, fit.seasonality, fit.params.phi, horizon);
      if (!allFinite(values)) return seasonalNaiveOrNaive(s.values, horizon);
      return { values: values.map((v) => Math.max(0, v)), method: `holt_winters(${fit.seasonality})` };
    });
  }
}
