import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { dtoFastCheck } from '../common/dto-fast-check';
import { ForecastRequestDto, MAX_ATTRIBUTES } from './forecast-request.dto';

const fastCheck = dtoFastCheck(ForecastRequestDto);
const isWellFormedForecastRequest = fastCheck.isValid;

function dtoAccepts(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const instance = plainToInstance(ForecastRequestDto, body);
  return validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }).length === 0;
}

const good = {
  horizon: 3,
  series: [
    { id: 'a', country: 'DE', sku: 'SKU-A', attributes: { channel: 'retail' }, history: { start: '2021-01', values: [0, 1.5, 2] } },
    { country: 'FR', sku: 'SKU-B', history: { start: '1999-12', values: [4] } },
  ],
};

describe('the fast path derived from ForecastRequestDto', () => {
  it('accepts a well-formed request', () => {
    expect(isWellFormedForecastRequest(good)).toBe(true);
    expect(dtoAccepts(good)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a string horizon', { ...good, horizon: '3' }],
    ['an extra property', { ...good, extra: 1 }],
    ['a missing horizon', { series: good.series }],
    ['an empty series list', { ...good, series: [] }],
    ['a null id', { ...good, series: [{ ...good.series[1], id: null }] }],
    ['an over-long sku', { ...good, series: [{ ...good.series[1], sku: 'x'.repeat(101) }] }],
    ['a numeric attribute', { ...good, series: [{ ...good.series[1], attributes: { a: 1 } }] }],
    ['an extra history field', { ...good, series: [{ ...good.series[1], history: { start: '2020-01', values: [1], end: 'x' } }] }],
    ['a negative value', { ...good, series: [{ ...good.series[1], history: { start: '2020-01', values: [1, -1] } }] }],
    ['a string value', { ...good, series: [{ ...good.series[1], history: { start: '2020-01', values: ['1'] } }] }],
    ['a bad month', { ...good, series: [{ ...good.series[1], history: { start: '2020-00', values: [1] } }] }],
    ['a value above the ceiling', { ...good, series: [{ ...good.series[1], history: { start: '2020-01', values: [1, 1e308] } }] }],
    ['an infinite value', { ...good, series: [{ ...good.series[1], history: { start: '2020-01', values: [Infinity] } }] }],
    ['too many attributes', { ...good, series: [{ ...good.series[1], attributes: Object.fromEntries(Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, i) => [`a${i}`, 'x'])) }] }],
  ])('leaves %s to class-validator', (_name, body) => {
    expect(isWellFormedForecastRequest(body)).toBe(false);
    expect(dtoAccepts(body)).toBe(false);
  });

  it('rejects keys naming the prototype chain, which class-validator alone lets through', () => {
    expect(isWellFormedForecastRequest({ ...good, constructor: 1 })).toBe(false);
    expect(isWellFormedForecastRequest({ ...good, prototype: {} })).toBe(false);
  });

  it('keeps the ceiling on values a DTO rule (1e12 passes, anything above does not)', () => {
    const at = (value: number) => ({ ...good, series: [{ ...good.series[1], history: { start: '2020-01', values: [value] } }] });
    expect([isWellFormedForecastRequest(at(1e12)), dtoAccepts(at(1e12))]).toEqual([true, true]);
    expect([isWellFormedForecastRequest(at(1.0000001e12)), dtoAccepts(at(1.0000001e12))]).toEqual([false, false]);
  });

  it('never accepts what the DTO rules reject, over many mutated bodies', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const atoms: unknown[] = [null, true, 0, -1, 2.5, 1e12, 1e13, '', 'x', '2021-01', '2021-13', [], {}, [1], { a: 'b' }, 'x'.repeat(150), 19];
    const mutate = (value: unknown, depth: number): unknown => {
      if (random() < 0.03 || depth > 8) return atoms[Math.floor(random() * atoms.length)];
      if (Array.isArray(value)) return value.map((v) => mutate(v, depth + 1));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (random() > 0.01) out[random() < 0.01 ? `${k}2` : k] = mutate(v, depth + 1);
        return out;
      }
      return value;
    };
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const body = mutate(good, 0);
      const fast = isWellFormedForecastRequest(body);
      if (fast) accepted++;
      // Derived from the DTO, the schema agrees with it both ways, not only "accepts nothing it rejects".
      expect({ body, fast }).toEqual({ body, fast: dtoAccepts(body) });
    }
    // The comparison means something only if both sides were exercised.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(2000);
  });
});
