import 'reflect-metadata';
import { ForecastRequestDto } from './forecast-request.dto';
import { PostActualsDto } from '../monitoring/actuals/actuals.dto';
import { MAX_BODY_DEPTH } from '../common/body-shape';
import { MAX_REPORTED_VIOLATIONS, RequestInvalidError } from '../common/request-invalid.error';
import { RequestValidationPipe } from '../common/request-validation.pipe';

const pipe = new RequestValidationPipe();
const series = (i: number) => ({ id: `s${i}`, country: 'DE', sku: 'A', history: { start: '2020-01', values: [1, 2, 3] } });

async function rejection(body: unknown, dto: unknown = ForecastRequestDto): Promise<RequestInvalidError> {
  const error = await pipe.transform(body, { type: 'body', metatype: dto as never }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestInvalidError);
  return error as RequestInvalidError;
}

describe('RequestValidationPipe on hostile bodies', () => {
  it('passes a valid body through the derived fast path untouched', async () => {
    const body = { horizon: 2, series: [series(0)] };
    await expect(pipe.transform(body, { type: 'body', metatype: ForecastRequestDto })).resolves.toBe(body);
  });

  it('refuses a 10,000-deep body with a 400 before class-transformer recurses', async () => {
    const deep: unknown = JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    const error = await rejection({ horizon: 1, series: [deep] });
    expect(error.violations).toEqual([{ field: `series[0]${'.a'.repeat(MAX_BODY_DEPTH - 2)}`, rule: `must not nest deeper than ${MAX_BODY_DEPTH} levels` }]);
  });

  it.each(['constructor', 'prototype'])('refuses a top-level %s key like any other unknown key', async (key) => {
    const body = JSON.parse(`{"horizon": 1, "series": [${JSON.stringify(series(0))}], "${key}": {}}`) as unknown;
    expect((await rejection(body)).violations).toEqual([{ field: key, rule: 'is not a known property' }]);
  });

  it('lists the first 100 of 50,000 unknown keys and counts them all', async () => {
    const body: Record<string, unknown> = { horizon: 1, series: [series(0)] };
    for (let i = 0; i < 50_000; i++) body[`k${i}`] = i;
    const error = await rejection(body);
    expect(error.violations).toHaveLength(MAX_REPORTED_VIOLATIONS);
    expect(error.violations[0]).toEqual({ field: 'k0', rule: 'is not a known property' });
    expect(error.details).toMatchObject({ violationCount: 50_000 });
  });

  it('caps the violations of 100,000 empty series', async () => {
    const error = await rejection({ horizon: 1, series: Array.from({ length: 100_000 }, () => ({})) });
    expect(error.violations).toHaveLength(MAX_REPORTED_VIOLATIONS);
    expect(error.violations[0]).toEqual({ field: 'series[0].country', rule: 'must be a string' });
  });

  it('caps the violations of 5,000 ill-typed actuals', async () => {
    const actuals = Array.from({ length: 5000 }, () => ({ country: 1, sku: 2, month: 3, value: 'x' }));
    const error = await rejection({ actuals }, PostActualsDto);
    expect(error.violations).toHaveLength(MAX_REPORTED_VIOLATIONS);
  });

  it('refuses an array where an element must be an object (it passed @ValidateNested and then failed as a 500)', async () => {
    expect((await rejection({ actuals: [[]] }, PostActualsDto)).violations).toEqual([{ field: 'actuals[0]', rule: 'must be an object' }]);
  });

  it('names the index in the whole body when validating long arrays in chunks', async () => {
    const list: unknown[] = Array.from({ length: 400 }, (_, i) => series(i));
    list[150] = 7;
    (list[250] as ReturnType<typeof series>).history.values = [1, -1];
    const error = await rejection({ horizon: 0, series: list });
    expect(error.violations).toEqual([
      { field: 'horizon', rule: 'must not be less than 1' },
      { field: 'series[150]', rule: 'must be an object' },
      { field: 'series[250].history.values[1]', rule: 'must be a finite number >= 0 and <= 1e12' },
    ]);
  });

  it('refuses more attributes than the DTO allows before copying them', async () => {
    const attributes = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`a${i}`, 1]));
    const error = await rejection({ horizon: 1, series: [{ ...series(0), attributes }] });
    expect(error.violations).toEqual([{ field: 'series[0].attributes', rule: 'must have at most 100 properties (got 50000)' }]);
  });
});
