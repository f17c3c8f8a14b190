import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SALES_COLUMNS, loadSalesCsv } from '../data/load-sales-csv';
import { SYNTHETIC_PANEL_HEADER, writeSyntheticPanel } from './synthetic-panel';

describe('writeSyntheticPanel', () => {
  let folder: string;
  beforeAll(async () => (folder = await fs.mkdtemp(path.join(os.tmpdir(), 'synthetic-panel-'))));
  afterAll(() => fs.rm(folder, { recursive: true, force: true }));

  const write = async (name: string, series: number, months: number, seed: number) => {
    const file = path.join(folder, name);
    const summary = await writeSyntheticPanel(file, { series, months, seed });
    return { file, summary, text: await fs.readFile(file, 'utf8') };
  };

  it('writes the same bytes for the same seed and different ones for another seed', async () => {
    const a = await write('a.csv', 50, 24, 7);
    const b = await write('b.csv', 50, 24, 7);
    const c = await write('c.csv', 50, 24, 8);
    expect(a.text).toBe(b.text);
    expect(c.text).not.toBe(a.text);
  });

  it('keeps each series the same whatever the panel size', async () => {
    const small = await write('small.csv', 20, 36, 3);
    const large = await write('large.csv', 60, 36, 3);
    expect(large.text.startsWith(small.text)).toBe(true);
  });

  describe('a 2,000 × 48 panel', () => {
    let panel: Awaited<ReturnType<typeof write>>;
    let loaded: Awaited<ReturnType<typeof loadSalesCsv>>;
    beforeAll(async () => {
      panel = await write('panel.csv', 2000, 48, 11);
      // The training loader is the judge of format: contiguous months, no duplicates, valid quantities.
      loaded = await loadSalesCsv(panel.file, { columns: DEFAULT_SALES_COLUMNS, dropInvalid: false });
    });

    it('has the aus_retail columns and loads as 2,000 contiguous series within the 48 months', () => {
      expect(panel.text.split('\n', 1)[0]).toBe(SYNTHETIC_PANEL_HEADER);
      expect(loaded.series).toHaveLength(2000);
      expect(loaded.rows).toBe(panel.summary.rows);
      expect(loaded.end - loaded.start + 1).toBe(48);
      expect(panel.summary).toMatchObject({ firstMonth: '2015-01', lastMonth: '2018-12' });
    });

    it('mixes a few countries and attribute values, each sku in every country', () => {
      expect(new Set(loaded.series.map((s) => s.country)).size).toBeGreaterThanOrEqual(3);
      expect(new Set(loaded.series.map((s) => s.attributes.industry_group)).size).toBeGreaterThanOrEqual(4);
      const countriesPerSku = new Map<string, Set<string>>();
      for (const s of loaded.series) countriesPerSku.set(s.sku, (countriesPerSku.get(s.sku) ?? new Set()).add(s.country));
      expect(Math.min(...[...countriesPerSku.values()].map((c) => c.size))).toBeGreaterThanOrEqual(3);
    });

    it('has about 10% intermittent, 10% late-starting and 5% discontinued series, seen in the data itself', () => {
      const n = loaded.series.length;
      const zeroShare = (v: number[]) => v.filter((x) => x === 0).length / v.length;
      const intermittent = loaded.series.filter((s) => zeroShare(s.values) >= 0.3).length / n;
      const late = loaded.series.filter((s) => s.start > loaded.start).length / n;
      const ended = loaded.series.filter((s) => s.start + s.values.length - 1 < loaded.end).length / n;
      expect(intermittent).toBeGreaterThan(0.07);
      expect(intermittent).toBeLessThan(0.13);
      expect(late).toBeGreaterThan(0.07);
      expect(late).toBeLessThan(0.13);
      expect(ended).toBeGreaterThan(0.03);
      expect(ended).toBeLessThan(0.07);
      expect(panel.summary.kinds.intermittent + panel.summary.kinds['late-start'] + panel.summary.kinds.discontinued + panel.summary.kinds.regular).toBe(2000);
      expect(Math.min(...loaded.series.map((s) => s.values.length))).toBeGreaterThanOrEqual(6);
    });

    it('spreads series volumes over at least four orders of magnitude', () => {
      const means = loaded.series.map((s) => s.values.reduce((a, b) => a + b, 0) / s.values.length).filter((m) => m > 0).sort((a, b) => a - b);
      const at = (q: number) => means[Math.floor(q * (means.length - 1))];
      expect(Math.log10(at(0.99) / at(0.01))).toBeGreaterThanOrEqual(4);
    });

    it('gives regular series a seasonal shape: the same calendar months high year after year', () => {
      // A series with a strong annual cycle: its monthly profile in the first two years correlates with the last two.
      const regular = loaded.series.filter((s) => s.values.length === 48 && s.values.every((v) => v > 50));
      const correlations = regular.map((s) => {
        const profile = (from: number) => Array.from({ length: 12 }, (_, m) => s.values[from + m] + s.values[from + 12 + m]);
        const [x, y] = [profile(0), profile(24)];
        const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
        const [mx, my] = [mean(x), mean(y)];
        const cov = x.reduce((a, xi, i) => a + (xi - mx) * (y[i] - my), 0);
        const sd = (v: number[], m: number) => Math.sqrt(v.reduce((a, vi) => a + (vi - m) ** 2, 0));
        return cov / (sd(x, mx) * sd(y, my));
      });
      const median = [...correlations].sort((a, b) => a - b)[Math.floor(correlations.length / 2)];
      expect(regular.length).toBeGreaterThan(500);
      expect(median).toBeGreaterThan(0.5);
    });
  });

  it('refuses a panel without series or months', async () => {
    await expect(writeSyntheticPanel(path.join(folder, 'x.csv'), { series: 0, months: 12, seed: 1 })).rejects.toThrow(/series/);
    await expect(writeSyntheticPanel(path.join(folder, 'x.csv'), { series: 3, months: 1.5, seed: 1 })).rejects.toThrow(/months/);
  });
});
