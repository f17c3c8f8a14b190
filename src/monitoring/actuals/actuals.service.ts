import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { parseMonth } from '../../features/month';
import { horizonBucket } from '../../features/horizon-buckets';
import { countable, errorParts } from './accuracy-math';
import { PostActualsDto, PostActualsResponseDto } from './actuals.dto';
import { ForecastLogJoin } from '../forecast-log/forecast-log-join';
import { ForecastLogWriter } from '../forecast-log/forecast-log-writer';
import { MonitoringMetrics } from '../metrics/monitoring-metrics';
import { CountryLabels } from './country-labels';

/**
 * Joins actuals with the forecasts any replica logged and adds the errors to this replica's accuracy counters.
 * Each actual is claimed by exactly one replica, so summing the counters over the fleet counts it once.
 */
@Injectable()
export class ActualsService {
  constructor(
    private readonly config: AppConfig,
    private readonly writer: ForecastLogWriter,
    private readonly log: ForecastLogJoin,
    private readonly metrics: MonitoringMetrics,
    private readonly countries: CountryLabels,
  ) {}

  async record(body: PostActualsDto): Promise<PostActualsResponseDto> {
    const m = this.metrics;
    // This replica's own recent forecasts first, so an actual right after its forecast finds it.
    await this.writer.flush();
    const result = await this.log.join(
      this.config.modelName,
      body.actuals.map((a) => ({ country: a.country, sku: a.sku, month: parseMonth(a.month), value: a.value })),
    );
    for (const point of result.joined) {
      const parts = errorParts(point.forecast, point.actual);
      if (!countable(parts)) {
        m.accuracyExcludedPoints.inc();
        continue;
      }
      const labels = { horizon_bucket: horizonBucket(point.step), version: point.version, country: this.countries.labelOf(point.country) };
      m.accuracyMatchedPoints.inc(labels);
      m.accuracyActualUnits.inc(labels, parts.actual);
      m.accuracyAbsErrorUnits.inc(labels, parts.absError);
      m.accuracyOverForecastUnits.inc(labels, parts.over);
      m.accuracyUnderForecastUnits.inc(labels, parts.under);
    }
    m.actualsReceived.inc(body.actuals.length);
    for (const [reason, count] of Object.entries(result.unmatched)) {
      if (count > 0) m.actualsUnmatched.inc({ reason }, count);
    }
    m.actualsLastReceived.set(Date.now() / 1000);
    return { received: body.actuals.length, matched: result.matched, scoredForecasts: result.joined.length, unmatched: result.unmatched };
  }
}
