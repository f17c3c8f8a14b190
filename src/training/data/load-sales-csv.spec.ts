import { parseMonth } from '../../features/month';
import { DEFAULT_SALES_COLUMNS, parseSalesCsv, SalesCsvOptions } from './load-sales-csv';
import { SalesDataInvalidError } from './sales-data-invalid.error';

const options: SalesCsvOptions = { columns: DEFAULT_SALES_COLUMNS, dropInvalid: false, source: 'sales.csv' };
const header = 'country,sku,industry_group,month,quantity';

function problemsOf(text: string, extra: Partial<SalesCsvOptions> = {}) {
  try {
    parseSalesCsv(text, { ...options, ...extra });
  } catch (error) {
    if (error instanceof SalesDataInvalidError) return error.problems;
    throw error;
  }
  throw new Error('expected SalesDataInvalidError');
}

describe('parseSalesCsv', () => {
  it('groups rows into contiguous monthly series sorted by month, in order of first appearance', () => {
    const data = parseSalesCsv(
      [header, 'NSW,food,food,2020-02,2', 'VIC,food,food,2020-01,7', 'NSW,food,food,2020-01,1.5', 'NSW,food,,2020-03,0'].join('\n'),
      options,
    );
    expect(data.rows).toBe(4);
    expect(data.series).toEqual([
      { country: 'NSW', sku: 'food', attributes: { industry_group: 'food' }, start: parseMonth('2020-01'), values: [1.5, 2, 0] },
      { country: 'VIC', sku: 'food', attributes: { industry_group: 'food' }, start: parseMonth('2020-01'), values: [7] },
    ]);
    expect(data.start).toBe(parseMonth('2020-01'));
    expect(data.end).toBe(parseMonth('2020-03'));
  });

  it('reads quoted fields with commas and custom column names', () => {
    const data = parseSalesCsv('state,product,period,units\n"New South Wales, AU","a,b",2021-12,3\n', {
      ...options,
      columns: { country: 'state', sku: 'product', month: 'period', quantity: 'units', attributes: [] },
    });
    expect(data.series[0]).toMatchObject({ country: 'New South Wales, AU', sku: 'a,b', values: [3] });
  });

  it('reports every malformed row with its line number and stops', () => {
    const text = [
      header,
      'NSW,food,food,2020-01,1',
      'NSW,food,food,2020-13,1',
      'NSW,food,food,2020-02,abc',
      'NSW,food,food,2020-03,-4',
      'NSW,food,food,2020-02,5',
      'NSW,food,food,2020-03,5',
      'NSW,food,food,2020-03,6',
      'NSW,food,food',
      ',food,food,2020-04,1',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      { line: 3, message: 'month "2020-13" is not a month in YYYY-MM form' },
      { line: 4, message: 'quantity "abc" is not a finite number' },
      { line: 5, message: 'quantity -4 is negative' },
      { line: 8, message: 'duplicate of line 7 for NSW/food 2020-03' },
      { line: 9, message: 'has 3 fields, the header has 5' },
      { line: 10, message: 'country is empty' },
    ]);
  });

  it('names missing columns', () => {
    expect(problemsOf('country,sku,month,qty\nNSW,a,2020-01,1')).toEqual([
      { line: 1, message: 'the header lacks column(s) quantity, industry_group (it has country, sku, month, qty)' },
    ]);
  });

  it('refuses a gap inside a series, naming the missing months', () => {
    const text = [header, 'NSW,a,g,2020-01,1', 'NSW,a,g,2020-02,1', 'NSW,a,g,2020-05,1'].join('\n');
    expect(problemsOf(text)).toEqual([{ line: 4, message: 'series NSW/a has no rows for 2 month(s) from 2020-03 to 2020-04' }]);
  });

  it('with dropInvalid drops bad rows and later duplicates and keeps the run after the last gap', () => {
    const text = [
      header,
      'NSW,a,g,2020-01,1',
      'NSW,a,g,2020-02,x',
      'NSW,a,g,2020-03,3',
      'NSW,a,g,2020-04,4',
      'NSW,a,g,2020-04,40',
      'VIC,a,g,2020-01,9',
    ].join('\n');
    const data = parseSalesCsv(text, { ...options, dropInvalid: true });
    expect(data.series.map((s) => [s.country, s.start, s.values])).toEqual([
      ['NSW', parseMonth('2020-03'), [3, 4]],
      ['VIC', parseMonth('2020-01'), [9]],
    ]);
    expect(data.dropped.map((p) => p.line)).toEqual([3, 4, 6]);
  });

  it('counts lines inside quoted multi-line fields so line numbers stay those of the file', () => {
    const text = `country,sku,month,quantity\n"N\nSW",a,2020-01,1\nNSW,a,2020-02,bad\n`;
    expect(problemsOf(text, { columns: { ...DEFAULT_SALES_COLUMNS, attributes: [] } })).toEqual([
      { line: 4, message: 'quantity "bad" is not a finite number' },
    ]);
  });
});
