import { LoadedEnsemble } from '../../core/ensemble/ensemble-forecast';
import { calibratedInterval } from '../../core/ensemble/intervals';
import { combinedForecast, EnsembleBacktestRecord } from './ensemble-backtest';

/** The calibrated interval around a backtest record's combined forecast, as serving would draw it. */
export function recordInterval(record: EnsembleBacktestRecord, ensemble: LoadedEnsemble): { lower: Float64Array; upper: Float64Array } | undefined {
  return calibratedInterval(record.history, record.traits, combinedForecast(record, ensemble.combinations), ensemble.intervals);
}
