import { MethodAccuracy } from '../evaluation/evaluation-table';

export interface FlatMetrics {
  metrics: Record<string, number>;
  metricDirections: Record<string, 'lower' | 'higher'>;
}

const PREFIX: Record<string, string> = { model: '', seasonal_naive: 'snaive_', holt_winters: 'hw_' };

function direction(metric: string): 'lower' | 'higher' {
  // Signed bias has no better direction; the schema needs one, so it reads as "lower" and selection should use abs_bias.
  return metric.endsWith('accuracy') ? 'higher' : 'lower';
}

/**
 * The numbers promotion and `best:<metric>` selection read: holdout wape/accuracy/bias/abs_bias of the model
 * (unprefixed), of the baselines (hw_, snaive_), per horizon bucket (wape_h1 …) and of the backtest (backtest_).
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
  for (const [bucket, summary] of Object.entries(holdout.model?.byHorizonBucket ?? {})) {
    put(`wape_h${bucket.replace('-', '_')}`, summary.wape);
    put(`bias_h${bucket.replace('-', '_')}`, summary.bias);
  }
  return { metrics, metricDirections: Object.fromEntries(Object.keys(metrics).map((m) => [m, direction(m)])) };
}
