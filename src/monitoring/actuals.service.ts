import { Injectable } from '@nestjs/common';
import { parseMonth } from '../features/month';
import { horizonBucket } from '../features/horizon-buckets';
import { errorParts } from './accuracy-math';
import { PostActualsDto, PostActualsResponseDto } from './actuals.dto';
import { MonitoringMetrics } from './monitoring-metrics';
import { ServedForecastLog } from './served-forecast-log';

/** Joins actuals with the forecasts served and adds the errors to the accuracy counters. */
@Injectable()
export class ActualsService {
  constructor(
    private readonly log: ServedForecastLog,
    private readonly metrics: MonitoringMetrics,
  ) {}

  record(body: PostActualsDto): PostActualsResponseDto {
    const m = this.metrics;
    const result = this.log.join(body.actuals.map((a) => ({ country: a.country, sku: a.sku, month: parseMonth(a.month), value: a.value })));
    for (const point of result.joined) {
      const labels = { horizon_bucket: horizonBucket(point.step), version: point.version };
      const parts = errorParts(point.forecast, point.actual);
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
    m.forecastsTracked.set(this.log.size);
    return { received: body.actuals.length, matched: result.matched, scoredForecasts: result.joined.length, unmatched: result.unmatched };
  }
}
