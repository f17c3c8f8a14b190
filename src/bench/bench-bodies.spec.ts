import { seriesFromCsv, syntheticSeries } from './bench-bodies';

const CSV = [
  'country,sku,industry_group,month,quantity',
  'AU,a,g,2020-01,1',
  'AU,a,g,2020-02,2',
  'AU,a,g,2020-03,3',
  'AU,b,g,2020-01,5',
  'AU,b,g,2020-03,6',
  'NZ,c,g,2020-02,7',
  'NZ,c,g,2020-03,8',
  '',
].join('\n');

describe('seriesFromCsv', () => {
  it('keeps the last months of contiguous series long enough, skipping gaps and short ones', () => {
    expect(seriesFromCsv(CSV, 2)).toEqual([
      { id: 'AU/a', country: 'AU', sku: 'a', attributes: { industry_group: 'g' }, history: { start: '2020-02', values: [2, 3] } },
      { id: 'NZ/c', country: 'NZ', sku: 'c', attributes: { industry_group: 'g' }, history: { start: '2020-02', values: [7, 8] } },
    ]);
    expect(seriesFromCsv(CSV, 3).map((s) => s.id)).toEqual(['AU/a']);
    expect(seriesFromCsv('country,sku,month,quantity\nAU,a,2020-01,1\n', 1)[0]).not.toHaveProperty('attributes');
  });
});

describe('syntheticSeries', () => {
  it('builds distinct, non-negative series of the asked length', () => {
    const series = syntheticSeries(5, 48);
    expect(new Set(series.map((s) => s.id)).size).toBe(5);
    expect(series.every((s) => s.history.values.length === 48 && s.history.values.every((v) => v >= 0))).toBe(true);
  });
});
