import { MetricDirection } from '../../registry/model-manifest';
import { MethodAccuracy } from '../evaluation/evaluation-table';

export interface FlatMetrics {
  metrics: Record<string, number>;
  metricDirections: Record<string, MetricDirection>;
}

const PREFIX: Record<string, string> = { model: '', seasonal_naive: 'snaive_', holt_winters: 'hw_' };

function direction(metric: string): MetricDirection {
  if (metric.endsWith('accuracy')) return 'higher';
  // Signed bias is best at zero, whichever side it lies on; abs_bias is its magnitude and plainly lower-is-better.
  return /(^|_)bias(_|$)/.test(metric) && !/(^|_)abs_bias/.test(metric) ? 'closest-to-zero' : 'lower';
}

/**
 * The numbers promotion and `best:<metric>` selection read: holdout wape/accuracy/bias/abs_bias of the model
 * (unprefixed), of the baselines (hw_, snaive_), per horizon bucket (wape_h1 …) and of the backtest (backtest_).
 * `baseline_wape` is the better baseline's holdout WAPE: the alert DemandForecastWorseThanBaseline compares with it.
 */
export function flatMetrics(holdout: Record<string, MethodAccuracy>, backtest: Record<string, MethodAccuracy>): FlatMetrics {
  const metrics: Record<string, number> = {};
  const put = (name: string, value: number) => {
    if (Number.isFinite(value)) metrics[name] = value;
  };
  for (const [source, table] of [['', holdout], ['backtest_', backtest]] as const) {
    for (const [method, accuracy] of Object.entries(table)) {
      const prefix = `${source}${PREFIX[method] ?? `${method}_`}`;
      put(`${prefix}wape`, accuracy.overall.wape);
      put(`${prefix}accuracy`, accuracy.overall.accuracy);
      put(`${prefix}bias`, accuracy.overall.bias);
      put(`${prefix}abs_bias`, Math.abs(accuracy.overall.bias));
    }
  }
  const baselines = [holdout.seasonal_naive?.overall.wape, holdout.holt_winters?.overall.wape].filter((w): w is number => Number.isFinite(w));
  if (baselines.length > 0) put('baseline_wape', Math.min(...baselines));
  for (const [bucket, summary] of Object.entries(holdout.model?.byHorizonBucket ?? {})) {
    put(`wape_h${bucket.replace('-', '_')}`, summary.wape);
    put(`bias_h${bucket.replace('-', '_')}`, summary.bias);
  }
  return { metrics, metricDirections: Object.fromEntries(Object.keys(metrics).map((m) => [m, direction(m)])) };
}
