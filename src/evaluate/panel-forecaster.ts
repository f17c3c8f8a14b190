import { SeriesHistory } from '../features/feature-builder';

/** One series' forecast for the months after its own last history month. */
export interface PanelForecast {
  /** Point forecasts, steps 1..horizon, in units, never negative. */
  values: number[];
  /** The nominal 80% interval per step, when the method gives one. */
  lower?: number[];
  upper?: number[];
  /** Which method produced it (e.g. `ets(M,Ad,M)+theta`, `seasonal_naive`). */
  method: string;
}

/**
 * A forecasting method as evaluation sees it: given a panel whose series are each cut at their own last month
 * (series may start and end on different dates), learn whatever it learns from that panel only and forecast
 * `horizon` months after each series' own end. Results are in panel order.
 */
export interface PanelForecaster {
  readonly name: string;
  forecast(panel: SeriesHistory[], horizon: number): Promise<PanelForecast[]>;
}
