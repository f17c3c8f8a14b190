import { parseMonth } from '../features/month';
import { ServedPoint } from './forecast-observer';
import { ServedForecastLog } from './served-forecast-log';

const jul = parseMonth('2024-07');
const aug = parseMonth('2024-08');

function point(sku: string, month: number, step: number, value: number): ServedPoint {
  return { country: 'AU', sku, month, step, value };
}

describe('ServedForecastLog', () => {
  it('joins an actual with every horizon and version that forecast its month, once', () => {
    const log = new ServedForecastLog(100);
    log.enqueue([point('A', jul, 3, 90)], '1');
    log.enqueue([point('A', jul, 1, 110)], '1');
    log.enqueue([point('A', jul, 1, 105)], '2');
    const first = log.join([{ country: 'AU', sku: 'A', month: jul, value: 100 }]);
    expect(first.matched).toBe(1);
    expect(first.joined).toEqual([
      { version: '1', step: 3, forecast: 90, actual: 100 },
      { version: '1', step: 1, forecast: 110, actual: 100 },
      { version: '2', step: 1, forecast: 105, actual: 100 },
    ]);
    const again = log.join([{ country: 'AU', sku: 'A', month: jul, value: 100 }]);
    expect(again).toEqual({ joined: [], matched: 0, unmatched: { no_forecast: 0, duplicate: 1 } });
  });

  it('keeps the latest forecast for the same version and step', () => {
    const log = new ServedForecastLog(100);
    log.enqueue([point('A', jul, 2, 80)], '1');
    log.enqueue([point('A', jul, 2, 95)], '1');
    expect(log.join([{ country: 'AU', sku: 'A', month: jul, value: 100 }]).joined).toEqual([{ version: '1', step: 2, forecast: 95, actual: 100 }]);
    expect(log.size).toBe(1);
  });

  it('counts actuals for series or months never forecast as no_forecast', () => {
    const log = new ServedForecastLog(100);
    log.enqueue([point('A', jul, 1, 80)], '1');
    const result = log.join([
      { country: 'AU', sku: 'B', month: jul, value: 1 },
      { country: 'NZ', sku: 'A', month: jul, value: 1 },
      { country: 'AU', sku: 'A', month: aug, value: 1 },
    ]);
    expect(result).toEqual({ joined: [], matched: 0, unmatched: { no_forecast: 3, duplicate: 0 } });
  });

  it('evicts the least recently served series-months beyond maxTracked', () => {
    const log = new ServedForecastLog(3);
    log.enqueue([point('A', jul, 1, 1), point('B', jul, 1, 1)], '1');
    log.enqueue([point('A', jul, 2, 1)], '1'); // A is now the most recently served
    log.enqueue([point('C', jul, 1, 1)], '1'); // 4 forecasts > 3: B goes
    log.ingest();
    expect(log.size).toBe(3);
    const result = log.join(['A', 'B', 'C'].map((sku) => ({ country: 'AU', sku, month: jul, value: 1 })));
    expect(result.matched).toBe(2);
    expect(result.unmatched.no_forecast).toBe(1);
  });

  it('drops queued batches that would be evicted anyway', () => {
    const log = new ServedForecastLog(2);
    for (let i = 0; i < 50; i++) log.enqueue([point(`S${i}`, jul, 1, i)], '1');
    log.ingest();
    expect(log.size).toBe(2);
    expect(log.join([{ country: 'AU', sku: 'S49', month: jul, value: 1 }]).matched).toBe(1);
  });
});
