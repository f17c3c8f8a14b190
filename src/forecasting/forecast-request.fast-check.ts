import { ForecastInput } from '../prediction/forecast-input';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const SERIES_KEYS = new Set(['id', 'country', 'sku', 'attributes', 'history']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: Set<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

function isWellFormedSeries(series: unknown): boolean {
  if (!isRecord(series) || !hasOnlyKeys(series, SERIES_KEYS)) return false;
  if (series.id !== undefined && !isText(series.id, 200)) return false;
  if (!isText(series.country, 100) || !isText(series.sku, 100)) return false;
  const { attributes, history } = series;
  if (attributes !== undefined) {
    if (!isRecord(attributes)) return false;
    for (const key in attributes) if (typeof attributes[key] !== 'string') return false;
  }
  if (!isRecord(history)) return false;
  const { start, values } = history;
  let keys = 0;
  for (const key in history) keys += key === 'start' || key === 'values' ? 1 : 100;
  if (keys !== 2 || typeof start !== 'string' || !MONTH.test(start)) return false;
  if (!Array.isArray(values) || values.length === 0) return false;
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== 'number' || !(v >= 0) || v === Number.POSITIVE_INFINITY) return false;
  }
  return true;
}

/**
 * True only for bodies the ForecastRequestDto rules accept; anything else (including anything merely unusual)
 * goes to class-validator, which explains every violation. Measured on a 100-series, 48-month body: 6.3 ms in
 * class-transformer + class-validator versus 1.1 ms for the whole model pipeline, so valid traffic skips them.
 */
export function isWellFormedForecastRequest(body: unknown): body is ForecastInput {
  if (!isRecord(body)) return false;
  let keys = 0;
  for (const key in body) keys += key === 'horizon' || key === 'series' ? 1 : 100;
  if (keys !== 2) return false;
  const { horizon, series } = body;
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1) return false;
  if (!Array.isArray(series) || series.length === 0) return false;
  for (let i = 0; i < series.length; i++) if (!isWellFormedSeries(series[i])) return false;
  return true;
}
