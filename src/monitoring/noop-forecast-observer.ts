import { ForecastObserver } from './forecast-observer';

/**
 * Bound when MONITORING_ENABLED=false: records nothing, so the benchmark can price monitoring by comparing
 * throughput with this observer and with the Prometheus one.
 */
export class NoopForecastObserver extends ForecastObserver {
  modelLoaded(): void {}
  modelLoadFailed(): void {}
  readinessChanged(): void {}
  stageCompleted(): void {}
  forecastCompleted(): void {}
  batchScored(): void {}
  inputRejected(): void {}
  forecastsServed(): void {}
}
