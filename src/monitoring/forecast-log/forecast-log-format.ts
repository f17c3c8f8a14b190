import { createHash } from 'node:crypto';
import { formatMonth, MonthIndex } from '../../features/month';

/**
 * The forecast log's object layout, the same in a local folder and an Azure Blob container:
 *
 *   forecasts/<model>/<target YYYY-MM>/<served ms>-<replica>-<seq>.jsonl   one line per served point
 *   claims/<model>/<YYYY-MM>/<sha256 of series>.json                       one per actual scored, created once
 *
 * Segments are immutable and partitioned by the month forecast, so joining an actual reads one folder. A claim
 * is created with create-if-absent, which both stores make atomic: of all replicas posting the same actual, one
 * creates it and counts; the rest see a conflict and answer `duplicate`.
 */
export interface LoggedPoint {
  country: string;
  sku: string;
  version: string;
  /** Months ahead: 1 = the month after the last history month. */
  step: number;
  value: number;
  servedAtMs: number;
}

export function segmentPrefix(model: string, month: MonthIndex): string {
  return `forecasts/${model}/${formatMonth(month)}/`;
}

export function segmentKey(model: string, month: MonthIndex, servedAtMs: number, replica: string, seq: number): string {
  // Zero-padded times sort segments by when they were written, which is also the order their points were served.
  return `${segmentPrefix(model, month)}${String(servedAtMs).padStart(15, '0')}-${replica}-${seq}.jsonl`;
}

export function seriesKey(country: string, sku: string): string {
  return JSON.stringify([country, sku]);
}

export function claimKey(model: string, month: MonthIndex, country: string, sku: string): string {
  return `claims/${model}/${formatMonth(month)}/${createHash('sha256').update(seriesKey(country, sku)).digest('hex')}.json`;
}

export function encodePoint(p: LoggedPoint): string {
  return JSON.stringify([p.country, p.sku, p.version, p.step, p.value, p.servedAtMs]);
}

/** The start of every line of one series: `encodePointPrefix(...) + `${step},${value},${servedAtMs}]`` equals encodePoint. */
export function encodePointPrefix(country: string, sku: string, version: string): string {
  return `[${JSON.stringify(country)},${JSON.stringify(sku)},${JSON.stringify(version)},`;
}

/** Lines that do not parse into a finite, well-typed point are skipped: a torn or foreign line never scores. */
export function decodeSegment(data: Buffer): LoggedPoint[] {
  const points: LoggedPoint[] = [];
  for (const line of data.toString('utf8').split('\n')) {
    if (line.length === 0) continue;
    let fields: unknown;
    try {
      fields = JSON.parse(line);
    } catch {
      continue;
    }
    if (!Array.isArray(fields) || fields.length !== 6) continue;
    const [country, sku, version, step, value, servedAtMs] = fields as unknown[];
    if (typeof country !== 'string' || typeof sku !== 'string' || typeof version !== 'string') continue;
    if (!Number.isInteger(step) || (step as number) < 1 || !Number.isFinite(value) || !Number.isFinite(servedAtMs)) continue;
    points.push({ country, sku, version, step: step as number, value: value as number, servedAtMs: servedAtMs as number });
  }
  return points;
}
