import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ForecastInput } from '../prediction/forecast-input';
import { Forecaster } from '../prediction/forecaster';
import { PipelineResult } from '../prediction/forecast-pipeline';
import { estimatedScoringMs } from '../prediction/scoring-cost';
import { ModelManifest } from '../registry/model-manifest';
import { routedForecaster } from './routed-forecaster';

// The embedded model: a combination whose manifest ships the models fitted to each training series.
const manifest = JSON.parse(readFileSync(path.resolve('registry/demand-forecast/1/manifest.json'), 'utf8')) as ModelManifest;
const [trainedKey] = Object.keys(manifest.ensemble!.series);
const [country, sku] = trainedKey.split('/');
const history = (months: number) => ({ start: '2015-01', values: Array.from({ length: months }, (_, t) => 100 + t) });
const trained = (n: number): ForecastInput => ({ horizon: 18, series: Array.from({ length: n }, () => ({ country, sku, history: history(60) })) });
const unseen = (n: number): ForecastInput => ({ horizon: 18, series: Array.from({ length: n }, (_, i) => ({ country: 'ZZ', sku: `new-${i}`, history: history(60) })) });

function recording(name: string, calls: string[]): Forecaster {
  return {
    forecast: (input) => {
      calls.push(`${name}:${input.series.length}`);
      return Promise.resolve({} as PipelineResult);
    },
    release: () => {
      calls.push(`${name}:released`);
      return Promise.resolve();
    },
  };
}

describe('estimatedScoringMs', () => {
  it('charges series the model has not seen for fitting their own models, about linear in their length', () => {
    expect(estimatedScoringMs(unseen(1), manifest)).toBeGreaterThan(20 * estimatedScoringMs(trained(1), manifest));
    expect(estimatedScoringMs(unseen(10), manifest)).toBeCloseTo(10 * estimatedScoringMs(unseen(1), manifest), 9);
    const long = { ...unseen(1), series: [{ ...unseen(1).series[0], history: history(120) }] };
    expect(estimatedScoringMs(long, manifest)).toBeCloseTo(2 * estimatedScoringMs(unseen(1), manifest), 9);
  });

  it('puts a 100-series batch of trained series under the default 20 ms, and a maximal body of unseen ones far above', () => {
    expect(estimatedScoringMs(trained(100), manifest)).toBeLessThan(20);
    expect(estimatedScoringMs(unseen(1000), manifest)).toBeGreaterThan(1000);
  });
});

describe('routedForecaster', () => {
  it('scores light requests inline and heavy ones on a scoring thread; releases both', async () => {
    const calls: string[] = [];
    const forecaster = routedForecaster(manifest, recording('inline', calls), recording('thread', calls), 20);
    await forecaster.forecast(trained(1));
    await forecaster.forecast(trained(100));
    await forecaster.forecast(unseen(1000));
    await forecaster.forecast(unseen(3));
    await forecaster.forecast(unseen(10));
    await forecaster.release();
    expect(calls).toEqual(['inline:1', 'inline:100', 'thread:1000', 'inline:3', 'thread:10', 'thread:released', 'inline:released']);
  });
});
