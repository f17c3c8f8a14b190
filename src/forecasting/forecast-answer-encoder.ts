import { DomainError } from '../common/domain-error';
import { monthText, seriesCount } from '../prediction/forecast-values';
import { ForecastAnswer } from './forecast-answer';

/** A forecast value that is not a finite number reached the answer: a defect, never sent as `null`. */
export class ForecastNotFiniteError extends DomainError {
  readonly code = 'FORECAST_NOT_FINITE';
  readonly httpStatus = 500;
}

/**
 * The properties the encoder writes, per object, in the order it writes them. They are checked against the
 * OpenAPI document's ForecastResponse schema (forecast-answer-fields.ts) at start and by the spec, so the DTOs
 * stay the one list of fields: one added there and not here fails the start instead of going missing.
 */
export const ENCODED_FIELDS = {
  answer: ['model', 'forecasts'],
  model: ['name', 'version'],
  forecast: ['id', 'country', 'sku', 'points', 'method', 'warnings'],
  point: ['month', 'value', 'lower', 'upper'],
} as const;

// Bytes of a point besides its numbers: {"month":"YYYY-MM","value":,"lower":,"upper":}, and the comma before it.
const POINT_FIXED_BYTES = 52;
// Number.prototype.toString of a double is at most 24 characters ("-1.2345678901234567e-308").
const NUMBER_BYTES = 24;
// UTF-8 needs at most 3 bytes per UTF-16 code unit; JSON escapes (\u001f) take 6 characters for 1.
const STRING_BYTES_PER_UNIT = 6;
const SERIES_FIXED_BYTES = 80;

/**
 * Writes the 200 answer of POST /v1/forecast straight from the batch's flat arrays into one buffer of bytes.
 * Hand-written because it is the largest cost of a batch that is not forecasting: with Fastify's schema
 * serializer the answer was 1,800 point objects, a 190 KB string built from ~20,000 pieces and then encoded
 * to UTF-8 again for the socket, a third of all the bytes a 100-series request allocated (measured with V8's
 * sampling heap profiler under the bench). Numbers are written as JSON writes them (Number.prototype.toString);
 * strings from the request through JSON.stringify unless they need no escaping.
 */
export function encodeForecastAnswer(answer: ForecastAnswer): Buffer {
  const writer = new ByteWriter(upperBound(answer));
  const { values: forecasts, series } = answer;
  const { horizon, values, lower, upper, firstMonths } = forecasts;
  writer.ascii('{"model":{"name":');
  writer.string(answer.model.name);
  writer.ascii(',"version":');
  writer.number(answer.model.version);
  writer.ascii('},"forecasts":[');
  for (let i = 0; i < series.length; i++) {
    const one = series[i];
    writer.ascii(i === 0 ? '{"id":' : ',{"id":');
    writer.string(one.id);
    writer.ascii(',"country":');
    writer.string(one.country);
    writer.ascii(',"sku":');
    writer.string(one.sku);
    writer.ascii(',"points":[');
    const offset = i * horizon;
    const withInterval = lower !== undefined && upper !== undefined && !Number.isNaN(lower[offset]);
    for (let h = 0; h < horizon; h++) {
      writer.ascii(h === 0 ? '{"month":"' : ',{"month":"');
      writer.ascii(monthText(firstMonths[i] + h));
      writer.ascii('","value":');
      writer.number(values[offset + h]);
      if (withInterval) {
        writer.ascii(',"lower":');
        writer.number(lower[offset + h]);
        writer.ascii(',"upper":');
        writer.number(upper[offset + h]);
      }
      writer.byte(0x7d);
    }
    writer.byte(0x5d);
    if (one.method !== undefined) {
      writer.ascii(',"method":');
      writer.string(one.method);
    }
    if (one.warnings !== undefined && one.warnings.length > 0) {
      writer.ascii(',"warnings":[');
      one.warnings.forEach((warning, k) => {
        if (k > 0) writer.byte(0x2c);
        writer.string(warning);
      });
      writer.byte(0x5d);
    }
    writer.byte(0x7d);
  }
  writer.ascii(']}');
  return writer.bytes();
}

function upperBound(answer: ForecastAnswer): number {
  const points = seriesCount(answer.values) * answer.values.horizon;
  let bytes = 64 + STRING_BYTES_PER_UNIT * answer.model.name.length + points * (POINT_FIXED_BYTES + 3 * NUMBER_BYTES);
  for (const one of answer.series) {
    let units = one.id.length + one.country.length + one.sku.length + (one.method?.length ?? 0);
    for (const warning of one.warnings ?? []) units += warning.length + 3;
    bytes += SERIES_FIXED_BYTES + STRING_BYTES_PER_UNIT * units;
  }
  return bytes;
}

/** A fixed buffer written front to back; `upperBound` sized it, so nothing here grows or checks room. */
class ByteWriter {
  private readonly buffer: Buffer;
  private at = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  byte(code: number): void {
    this.buffer[this.at++] = code;
  }

  /** Text known to be ASCII: constant fragments, months and numbers. */
  ascii(text: string): void {
    const { buffer } = this;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.at = at;
  }

  number(value: number): void {
    if (!Number.isFinite(value)) throw new ForecastNotFiniteError('a forecast value is not a finite number');
    this.ascii(String(value));
  }

  /** A JSON string: printable ASCII without quote or backslash is written as is, anything else escaped by JSON.stringify as UTF-8. */
  string(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) {
        this.at += this.buffer.write(JSON.stringify(text), this.at, 'utf8');
        return;
      }
    }
    this.byte(0x22);
    this.ascii(text);
    this.byte(0x22);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.at);
  }
}
