import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput } from './forecast-input';

// Requests for unit specs against the embedded model: a combination whose manifest ships the models fitted to each
// training series, so `trained` series are answered with shipped models and `unseen` ones are fitted per request.

export const embeddedManifest = JSON.parse(readFileSync(path.resolve('registry/demand-forecast/1/manifest.json'), 'utf8')) as ModelManifest;
const [country, sku] = Object.keys(embeddedManifest.ensemble!.series)[0].split('/');

export const history = (months: number) => ({ start: '2015-01', values: Array.from({ length: months }, (_, t) => 100 + t) });
export const trained = (n: number): ForecastInput => ({ horizon: 18, series: Array.from({ length: n }, () => ({ country, sku, history: history(60) })) });
export const unseen = (n: number): ForecastInput => ({ horizon: 18, series: Array.from({ length: n }, (_, i) => ({ country: 'ZZ', sku: `new-${i}`, history: history(60) })) });
