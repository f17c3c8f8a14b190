import { parseMonth } from '../features/month';
import { ServedSeries } from './forecast-observer';
import { ServedForecastLog } from './served-forecast-log';

const jul = parseMonth('2024-07');
const aug = parseMonth('2024-08');

/** A series forecast from `firstMonth`: values[h] is the forecast for firstMonth + h at step h + 1. */
function served(sku: string, firstMonth: number, values: number[], country = 'AU'): ServedSeries {
  return { country, sku, firstMonth, values };
}

const actual = (sku: string, month: number, value: number, country = 'AU') => ({ country, sku, month, value });

describe('ServedForecastLog', () => {
  it('joins an actual with every horizon and version that forecast its month, once', () => {
    const log = new ServedForecastLog(100);
    log.enqueue([served('A', jul - 2, [1, 2, 90])], '1'); // jul at step 3
    log.enqueue([served('A', jul, [110])], '1'); // jul at step 1
    log.enqueue([served('A', jul, [105])], '2');
    const first = log.join([actual('A', jul, 100)]);
    expect(first.matched).toBe(1);
    expect(first.joined).toEqual([
      { version: '1', step: 3, forecast: 90, actual: 100 },
      { version: '1', step: 1, forecast: 110, actual: 100 },
      { version: '2', step: 1, forecast: 105, actual: 100 },
    ]);
    const again = log.join([actual('A', jul, 100)]);
    expect(again).toEqual({ joined: [], matched: 0, unmatched: { no_forecast: 0, duplicate: 1 } });
  });

  it('keeps one forecast per month of a series record, at step = index + 1', () => {
    const log = new ServedForecastLog(100);
    log.enqueue([served('A', jul, [10, 20, 30])], '1');
    log.ingest();
    expect(log.size).toBe(3);
    const result = log.join([actual('A', jul + 1, 25), actual('A', jul + 2, 30)]);
    expect(result.joined).toEqual([
      { version: '1', step: 2, forecast: 20, actual: 25 },
      { version: '1', step: 3, forecast: 30, actual: 30 },
    ]);
  });

  it('keeps the latest forecast for the same version and step, and opens it again for joining', () => {
    const log = new ServedForecastLog(100);
    log.enqueue([served('A', jul - 1, [1, 80])], '1');
    expect(log.join([actual('A', jul, 100)]).joined).toEqual([{ version: '1', step: 2, forecast: 80, actual: 100 }]);
    log.enqueue([served('A', jul - 1, [1, 95])], '1');
    expect(log.join([actual('A', jul, 100)]).joined).toEqual([{ version: '1', step: 2, forecast: 95, actual: 100 }]);
    expect(log.size).toBe(2);
  });

  it('counts actuals for series or months never forecast as no_forecast', () => {
    const log = new ServedForecastLog(100);
    log.enqueue([served('A', jul, [80])], '1');
    const result = log.join([actual('B', jul, 1), actual('A', jul, 1, 'NZ'), actual('A', aug, 1)]);
    expect(result).toEqual({ joined: [], matched: 0, unmatched: { no_forecast: 3, duplicate: 0 } });
  });

  it('evicts the least recently served series-months beyond maxTracked', () => {
    const log = new ServedForecastLog(3);
    log.enqueue([served('A', jul, [1]), served('B', jul, [1])], '1');
    log.ingest();
    log.enqueue([served('A', jul - 1, [1, 1])], '1'); // A-jun is new; A-jul (step 2) is now the most recently served
    log.ingest(); // 4 forecasts > 3: B-jul goes
    log.enqueue([served('C', jul, [1])], '1'); // then A-jun
    log.ingest();
    expect(log.size).toBe(3);
    const result = log.join(['A', 'B', 'C'].map((sku) => actual(sku, jul, 1)));
    expect(result.matched).toBe(2);
    expect(result.joined).toHaveLength(3); // A-jul at steps 1 and 2, C-jul
    expect(result.unmatched.no_forecast).toBe(1);
    expect(log.join([actual('A', jul - 1, 1)]).unmatched.no_forecast).toBe(1);
  });

  it('drops queued batches that would be evicted anyway', () => {
    const log = new ServedForecastLog(2);
    for (let i = 0; i < 50; i++) log.enqueue([served(`S${i}`, jul, [i])], '1');
    log.ingest();
    expect(log.size).toBe(2);
    expect(log.join([actual('S49', jul, 1)]).matched).toBe(1);
    expect(log.join([actual('S47', jul, 1)]).unmatched.no_forecast).toBe(1);
  });

  it('keeps only the newest queued records across queue compactions, recycling dropped series', () => {
    const log = new ServedForecastLog(10);
    for (let i = 0; i < 10_000; i++) log.enqueue([served(`S${i}`, jul, [i])], '1');
    log.ingest();
    expect(log.size).toBe(10);
    const result = log.join([actual('S9999', jul, 0), actual('S9990', jul, 0), actual('S9989', jul, 0), actual('S0', jul, 0)]);
    expect(result.joined.map((j) => j.forecast)).toEqual([9999, 9990]);
    expect(result.unmatched.no_forecast).toBe(2);
  });

  it('stays correct when one series record is longer than maxTracked', () => {
    const log = new ServedForecastLog(2);
    log.enqueue([served('A', jul, [1, 2, 3, 4, 5])], '1');
    log.ingest();
    expect(log.size).toBe(2);
    const result = log.join([actual('A', jul + 3, 0), actual('A', jul + 4, 0), actual('A', jul, 0)]);
    expect(result.joined.map((j) => j.forecast)).toEqual([4, 5]);
    expect(result.unmatched.no_forecast).toBe(1);
    log.enqueue([served('B', jul, [7])], '1'); // evicts A-jul+3; A's id must survive for A-jul+4
    expect(log.join([actual('B', jul, 0), actual('A', jul + 4, 0)]).unmatched).toEqual({ no_forecast: 0, duplicate: 1 });
  });

  it('keeps a series whose own keys it evicts while its record goes in', () => {
    const log = new ServedForecastLog(1);
    log.enqueue([served('A', jul, [1])], '1');
    log.ingest();
    log.enqueue([served('A', jul, [2, 3])], '2'); // A-jul takes a second forecast and is evicted whole, then A-aug
    log.ingest();
    log.enqueue([served('B', jul, [4])], '2');
    expect(log.join([actual('A', aug, 0)]).unmatched.no_forecast).toBe(1); // evicted by B, not lost to a stale id
    log.enqueue([served('A', jul, [5, 6])], '2');
    expect(log.join([actual('A', aug, 0), actual('B', jul, 0)]).joined).toEqual([{ version: '2', step: 2, forecast: 6, actual: 0 }]);
  });

  it('recycles the slots and ids of evicted series without mixing them up', () => {
    const log = new ServedForecastLog(1500);
    for (let round = 0; round < 5; round++) {
      const batch = Array.from({ length: 100 }, (_, i) => served(`R${round}-S${i}`, jul, Array.from({ length: 12 }, (_, h) => round * 10_000 + i * 100 + h)));
      log.enqueue(batch, String(round));
      log.ingest();
    }
    expect(log.size).toBe(1500);
    const result = log.join([actual('R4-S7', jul + 5, 0), actual('R3-S99', jul + 11, 0), actual('R3-S74', jul, 0), actual('R2-S0', jul, 0)]);
    expect(result.joined).toEqual([
      { version: '4', step: 6, forecast: 40_705, actual: 0 },
      { version: '3', step: 12, forecast: 39_911, actual: 0 },
    ]);
    // R3 keeps its last 25 series (300 forecasts): S75..S99; S74 and all of R2 were evicted.
    expect(result.unmatched.no_forecast).toBe(2);
  });
});
