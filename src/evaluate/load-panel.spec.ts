import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SalesDataInvalidError } from '../training/data/sales-data-invalid.error';
import { loadPanel, seriesEndingAt } from './load-panel';

const columns = { country: 'region', sku: 'series_id', month: 'month', quantity: 'value', attributes: [] };
const rows = (id: string, months: string[]) => months.map((m, i) => `${id},R,${m},${i + 1}`).join('\n');
const header = 'series_id,region,month,value\n';

let folder: string;
beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'load-panel-'));
  await fs.writeFile(path.join(folder, 'part1.csv'), header + rows('A', ['2020-01', '2020-02']));
  await fs.writeFile(path.join(folder, 'part2.csv'), header + rows('B', ['2021-05', '2021-06', '2021-07']));
  await fs.mkdir(path.join(folder, 'dup'));
  await fs.writeFile(path.join(folder, 'dup', 'again.csv'), header + rows('A', ['2022-01']));
});
afterAll(() => fs.rm(folder, { recursive: true, force: true }));

describe('loadPanel', () => {
  it.each([
    { name: 'two paths', patterns: () => [path.join(folder, 'part1.csv'), path.join(folder, 'part2.csv')] },
    { name: 'a glob', patterns: () => [path.join(folder, 'part*.csv')] },
  ])('joins the parts of a split file given as $name', async ({ patterns }) => {
    const panel = await loadPanel(patterns(), columns, false);
    expect(panel.files.map((f) => path.basename(f))).toEqual(['part1.csv', 'part2.csv']);
    expect(panel.series.map((s) => [s.sku, s.values])).toEqual([
      ['A', [1, 2]],
      ['B', [1, 2, 3]],
    ]);
    expect(panel.rows).toBe(5);
  });

  it.each([
    { name: 'a series in two files', patterns: () => [path.join(folder, 'part1.csv'), path.join(folder, 'dup', 'again.csv')], message: 'series R/A is also in' },
    { name: 'a glob matching nothing', patterns: () => [path.join(folder, 'nothing*.csv')], message: 'the pattern matches no file' },
  ])('refuses $name', async ({ patterns, message }) => {
    const load = loadPanel(patterns(), columns, false);
    await expect(load).rejects.toThrow(SalesDataInvalidError);
    await expect(loadPanel(patterns(), columns, false)).rejects.toThrow(message);
  });
});

describe('seriesEndingAt', () => {
  it.each([
    { end: 2021 * 12 + 6, expected: ['B'] },
    { end: 2020 * 12 + 1, expected: ['A'] },
    { end: 2020 * 12 + 0, expected: [] },
  ])('keeps the series whose last month is $end', ({ end, expected }) => {
    const series = [
      { sku: 'A', start: 2020 * 12, values: [1, 2] },
      { sku: 'B', start: 2021 * 12 + 4, values: [1, 2, 3] },
    ];
    expect(seriesEndingAt(series, end).map((s) => s.sku)).toEqual(expected);
  });
});
