import { readFile } from 'node:fs/promises';
import { formatMonth, isMonth, MonthIndex, parseMonth } from '../../features/month';
import { countable, errorParts } from '../../monitoring/actuals/accuracy-math';
import { ForecastLogStore } from '../../monitoring/forecast-log/create-forecast-log-store';
import { addPoint, emptySums, summarize } from '../evaluation/forecast-accuracy';

/** What the served version achieved on the actuals it was scored against (from the forecast log's claims). */
export interface LiveAccuracy {
  version: number;
  /** Forecast points scored. */
  points: number;
  /** Actual months covered, inclusive (YYYY-MM), when any. */
  from?: string;
  to?: string;
  wape: number;
  accuracy: number;
  bias: number;
}

interface Claim {
  actual: { month: number; value: number };
  scored: { version: string; step: number; forecast: number }[];
}

/**
 * Live WAPE, Forecast Accuracy and Bias of one model version over the actuals of the last `months` months in the
 * log. Reads the claims, the log's record of every actual scored (once, fleet-wide), so the figure is the one the
 * fleet's counters add up to, across every replica and restart. Non-finite or implausibly large points are left
 * out as the live counters leave them out.
 */
export async function liveAccuracy(log: ForecastLogStore, model: string, version: number, options: { months?: number; now?: MonthIndex } = {}): Promise<LiveAccuracy> {
  const keys = await log.store.list(`claims/${model}/`);
  const months = [...new Set(keys.map((k) => k.split('/')[2]).filter(isMonth))].sort();
  const last = options.now ?? (months.length > 0 ? parseMonth(months[months.length - 1]) : 0);
  const first = last - (options.months ?? 12) + 1;
  const sums = emptySums();
  const covered: number[] = [];
  for (const key of keys) {
    const month = key.split('/')[2];
    if (!isMonth(month) || parseMonth(month) < first || parseMonth(month) > last) continue;
    const object = await log.store.read(key);
    if (!object) continue;
    const claim = JSON.parse(object.data.toString('utf8')) as Claim;
    for (const point of claim.scored) {
      if (point.version !== String(version) || !countable(errorParts(point.forecast, claim.actual.value))) continue;
      addPoint(sums, point.forecast, claim.actual.value);
      covered.push(parseMonth(month));
    }
  }
  const { wape, accuracy, bias, points } = summarize(sums);
  return {
    version,
    points,
    ...(covered.length > 0 ? { from: formatMonth(Math.min(...covered)), to: formatMonth(Math.max(...covered)) } : {}),
    wape,
    accuracy,
    bias,
  };
}

/** One line for the retraining log: the served version's live figures beside the candidate's backtest and holdout. */
export function describeLiveAccuracy(live: LiveAccuracy, candidate: Record<string, number>): string {
  const f = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(4));
  const period = live.from ? ` (${live.from}..${live.to})` : '';
  return (
    `served version ${live.version} live: WAPE ${f(live.wape)}, accuracy ${f(live.accuracy)}, bias ${f(live.bias)} over ${live.points} points${period}; ` +
    `candidate backtest WAPE ${f(candidate.backtest_wape)}, bias ${f(candidate.backtest_bias)}; holdout WAPE ${f(candidate.wape)}, bias ${f(candidate.bias)}`
  );
}

export function isLiveAccuracy(value: unknown): value is LiveAccuracy {
  const v = value as LiveAccuracy;
  // JSON writes a NaN (no points yet) as null.
  const numberOrNull = (x: unknown) => typeof x === 'number' || x === null;
  return typeof v === 'object' && v !== null && Number.isInteger(v.version) && Number.isInteger(v.points) && numberOrNull(v.wape) && numberOrNull(v.bias);
}

export async function readLiveAccuracy(file: string): Promise<LiveAccuracy> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isLiveAccuracy(parsed)) throw new Error(`${file} does not hold live accuracy figures (version, points, wape, bias)`);
  const number = (x: number | null) => (x === null ? Number.NaN : x);
  return { ...parsed, wape: number(parsed.wape), accuracy: number(parsed.accuracy), bias: number(parsed.bias) };
}
