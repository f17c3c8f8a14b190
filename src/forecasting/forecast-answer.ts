import { ForecastValues } from '../prediction/forecast-values';

/** One series of an answer besides its numbers, in request order. */
export interface AnsweredSeries {
  id: string;
  country: string;
  sku: string;
  /** The method that produced the forecast (ensemble models), e.g. `ets(M,Ad,M)+theta+trees`. */
  method?: string;
  warnings?: string[];
}

/** A forecast answer before encoding (ForecastResponseDto on the wire): the numbers stay in the batch's flat arrays. */
export interface ForecastAnswer {
  model: { name: string; version: number };
  series: AnsweredSeries[];
  values: ForecastValues;
}
