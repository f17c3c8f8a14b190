import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseMonth } from '../../features/month';
import { ModelStore } from '../../registry/model-store';
import { RegistryUnavailableError } from '../../registry/registry.errors';
import { createForecastLogStore, ForecastLogStore } from './create-forecast-log-store';
import { decodeSegment, encodePoint, encodePointPrefix } from './forecast-log-format';
import { ForecastLogJoin } from './forecast-log-join';
import { ForecastLogWriter, ForecastLogWriterEvents } from './forecast-log-writer';

const JAN = parseMonth('2030-01');

function events(): ForecastLogWriterEvents & { log: string[] } {
  const log: string[] = [];
  return { log, written: (n) => log.push(`written ${n}`), dropped: (reason, n) => log.push(`dropped ${reason} ${n}`), writeFailed: () => log.push('failed') };
}

describe('forecast log (on a real local folder store)', () => {
  let folder: string;
  let log: ForecastLogStore;
  const writers: ForecastLogWriter[] = [];
  const writer = (maxBufferedPoints = 1000, e = events()): ForecastLogWriter => {
    const w = new ForecastLogWriter(log, { maxBufferedPoints, flushIntervalMs: 60_000 }, e);
    writers.push(w);
    return w;
  };

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'forecast-log-spec-'));
    log = createForecastLogStore(`file:${folder}`);
  });
  afterEach(async () => {
    for (const w of writers.splice(0)) await w.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('writes one create-only segment per target month and flush', async () => {
    const e = events();
    const w = writer(1000, e);
    w.enqueue('m', '1', [{ country: 'AU', sku: 'A', firstMonth: JAN, values: [10, 20, 30] }]);
    w.enqueue('m', '1', [{ country: 'AU', sku: 'B', firstMonth: JAN + 1, values: [5] }]);
    expect(w.buffered).toBe(4);
    await w.flush();
    expect(w.buffered).toBe(0);
    const keys = await log.store.list('forecasts/m/');
    expect(keys.map((k) => k.split('/')[2])).toEqual(['2030-01', '2030-02', '2030-03']);
    const feb = await Promise.all(keys.filter((k) => k.includes('2030-02')).map(async (k) => decodeSegment((await log.store.read(k))!.data)));
    expect(feb.flat().map((p) => [p.sku, p.step, p.value]).sort()).toEqual([['A', 2, 20], ['B', 1, 5]]);
    expect(e.log.sort()).toEqual(['written 1', 'written 1', 'written 2']);
  });

  it('drops and counts a request that would overflow the buffer, keeping earlier ones', async () => {
    const e = events();
    const w = writer(3, e);
    w.enqueue('m', '1', [{ country: 'AU', sku: 'A', firstMonth: JAN, values: [1, 2] }]);
    w.enqueue('m', '1', [{ country: 'AU', sku: 'B', firstMonth: JAN, values: [1, 2] }]);
    expect(e.log).toEqual(['dropped buffer_full 2']);
    expect(w.buffered).toBe(2);
  });

  it('counts a failed write as dropped and never throws to the caller', async () => {
    const failing: ForecastLogStore = {
      store: { ...log.store, write: () => Promise.reject(new RegistryUnavailableError('down')) } as ModelStore,
      prepare: () => Promise.resolve(),
    };
    const e = events();
    const w = new ForecastLogWriter(failing, { maxBufferedPoints: 100, flushIntervalMs: 60_000 }, e);
    writers.push(w);
    w.enqueue('m', '1', [{ country: 'AU', sku: 'A', firstMonth: JAN, values: [1, 2] }]);
    await expect(w.flush()).resolves.toBeUndefined();
    expect(e.log).toEqual(['dropped write_failed 1', 'failed', 'dropped write_failed 1', 'failed']);
  });

  it('joins an actual with every version and step logged by any writer, the latest plan at each, once across joiners', async () => {
    const a = writer();
    const b = writer();
    a.enqueue('m', '1', [{ country: 'AU', sku: 'A', firstMonth: JAN, values: [100, 110] }]); // Jan at step 1, Feb at 2
    await a.flush();
    await new Promise((resolve) => setTimeout(resolve, 5));
    b.enqueue('m', '1', [{ country: 'AU', sku: 'A', firstMonth: JAN + 1, values: [90] }]); // Feb at step 1
    b.enqueue('m', '2', [{ country: 'AU', sku: 'A', firstMonth: JAN - 1, values: [1, 2, 120] }]); // Feb at step 3, version 2
    await b.flush();
    await new Promise((resolve) => setTimeout(resolve, 5));
    a.enqueue('m', '1', [{ country: 'AU', sku: 'A', firstMonth: JAN + 1, values: [95] }]); // Feb at step 1 again: replaces 90
    await a.flush();

    const first = new ForecastLogJoin(log, 'r1');
    const second = new ForecastLogJoin(log, 'r2');
    const feb = { country: 'AU', sku: 'A', month: JAN + 1, value: 100 };
    const result = await first.join('m', [feb, { country: 'AU', sku: 'Z', month: JAN + 1, value: 7 }]);
    expect(result.matched).toBe(1);
    expect(result.unmatched).toEqual({ no_forecast: 1, duplicate: 0 });
    expect(result.joined.map((p) => [p.version, p.step, p.forecast]).sort()).toEqual([['1', 1, 95], ['1', 2, 110], ['2', 3, 120]]);
    // The same actual through another replica (or this one after a restart): scored already.
    expect(await second.join('m', [feb])).toEqual({ joined: [], matched: 0, unmatched: { no_forecast: 0, duplicate: 1 } });
    expect(await new ForecastLogJoin(log, 'r3').join('m', [{ ...feb, month: JAN }, { ...feb, month: JAN }])).toMatchObject({ matched: 1, unmatched: { duplicate: 1 } });
  });

  it('lets an actual without a logged forecast be posted again once the forecast is there', async () => {
    const join = new ForecastLogJoin(log, 'r1');
    const actual = { country: 'AU', sku: 'A', month: JAN, value: 1 };
    expect((await join.join('m', [actual])).unmatched.no_forecast).toBe(1);
    const w = writer();
    w.enqueue('m', '1', [{ country: 'AU', sku: 'A', firstMonth: JAN, values: [2] }]);
    await w.flush();
    expect((await join.join('m', [actual])).matched).toBe(1);
  });

  it('skips torn or foreign lines instead of scoring them', () => {
    const good = encodePoint({ country: 'AU', sku: 'A', version: '1', step: 1, value: 5, servedAtMs: 1 });
    const lines = [good, '["AU","A","1",0,5,1]', '["AU","A","1",1,null,1]', '{"x":1}', '["AU","A","1",2,5', ''].join('\n');
    expect(decodeSegment(Buffer.from(lines))).toEqual([{ country: 'AU', sku: 'A', version: '1', step: 1, value: 5, servedAtMs: 1 }]);
  });

  it('names FORECAST_LOG_URL, not the registry variable, in a bad URL', () => {
    expect(() => createForecastLogStore('file:')).toThrow(/FORECAST_LOG_URL "file:" must name a folder/);
  });
});

describe('forecast log join on a store that fails', () => {
  it('answers FORECAST_LOG_UNAVAILABLE (503) naming no internals beyond the store', async () => {
    const failing: ForecastLogStore = {
      store: { location: 'file:/nowhere', list: () => Promise.reject(new Error('EROFS: read-only file system')) } as unknown as ModelStore,
      prepare: () => Promise.resolve(),
    };
    const error = await new ForecastLogJoin(failing, 'r').join('m', [{ country: 'AU', sku: 'A', month: JAN, value: 1 }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FORECAST_LOG_UNAVAILABLE', httpStatus: 503 });
  });
});

describe('forecast log line format', () => {
  it.each([
    { country: 'AU', sku: 'A', version: '1', step: 3, value: 12.5, servedAtMs: 1_700_000_000_000 },
    { country: 'Z"ü\\n', sku: '\u2028', version: '12', step: 18, value: 0.1 + 0.2, servedAtMs: 5 },
  ])('writes the same line from the series prefix as encodePoint does for %j', (p) => {
    expect(`${encodePointPrefix(p.country, p.sku, p.version)}${p.step},${p.value},${p.servedAtMs}]`).toBe(encodePoint(p));
  });
});
