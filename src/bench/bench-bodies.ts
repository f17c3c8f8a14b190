import { promises as fs } from 'node:fs';
import { formatMonth, parseMonth } from '../features/month';

export interface BenchSeries {
  id: string;
  country: string;
  sku: string;
  /** The CSV's other columns (e.g. industry_group), as the service reads them; absent when there are none. */
  attributes?: Record<string, string>;
  history: { start: string; values: number[] };
}

export interface ForecastBody {
  horizon: number;
  series: BenchSeries[];
}

/**
 * Last `months` months of every series in a `country,sku,...,month,quantity` CSV that has that many, in file
 * order; the other columns are the series' attributes, as the training CLI encodes them.
 */
export function seriesFromCsv(csv: string, months: number): BenchSeries[] {
  const lines = csv.split('\n').filter((l) => l.trim().length > 0);
  const header = lines[0].split(',');
  const column = (name: string): number => header.indexOf(name);
  const [country, sku, month, quantity] = ['country', 'sku', 'month', 'quantity'].map(column);
  const attributeColumns = header.map((name, i) => [name.trim(), i] as const).filter(([, i]) => ![country, sku, month, quantity].includes(i));
  const bySeries = new Map<string, { country: string; sku: string; attributes?: Record<string, string>; months: number[]; values: number[] }>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const key = `${cells[country]}|${cells[sku]}`;
    let entry = bySeries.get(key);
    if (!entry) {
      const attributes = attributeColumns.length > 0 ? Object.fromEntries(attributeColumns.map(([name, i]) => [name, cells[i]])) : undefined;
      bySeries.set(key, (entry = { country: cells[country], sku: cells[sku], ...(attributes ? { attributes } : {}), months: [], values: [] }));
    }
    entry.months.push(parseMonth(cells[month]));
    entry.values.push(Number(cells[quantity]));
  }
  const series: BenchSeries[] = [];
  for (const entry of bySeries.values()) {
    const contiguous = entry.months.every((m, i) => i === 0 || m === entry.months[i - 1] + 1);
    if (!contiguous || entry.values.length < months || entry.values.some((v) => !Number.isFinite(v) || v < 0)) continue;
    const first = entry.months.length - months;
    series.push({
      id: `${entry.country}/${entry.sku}`,
      country: entry.country,
      sku: entry.sku,
      ...(entry.attributes ? { attributes: entry.attributes } : {}),
      history: { start: formatMonth(entry.months[first]), values: entry.values.slice(first) },
    });
  }
  return series;
}

/** Seasonal series with trend and deterministic noise, for when no CSV is at hand. */
export function syntheticSeries(count: number, months: number): BenchSeries[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    country: ['DE', 'FR', 'US'][i % 3],
    sku: `SKU-${i}`,
    history: {
      start: '2020-01',
      values: Array.from({ length: months }, (_, t) => {
        const noise = (((i + 1) * 7919 * (t + 3)) % 97) / 97 - 0.5;
        return Math.round((100 + i + t * 0.5 + 20 * Math.sin((2 * Math.PI * t) / 12) + 10 * noise) * 10) / 10;
      }),
    },
  }));
}

/** `count` series from the CSV, repeated when it holds fewer (ids stay unique), else synthetic ones. */
export async function benchSeries(csvPath: string, count: number, months: number): Promise<{ series: BenchSeries[]; source: string }> {
  let fromCsv: BenchSeries[] = [];
  try {
    fromCsv = seriesFromCsv(await fs.readFile(csvPath, 'utf8'), months);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (fromCsv.length === 0) return { series: syntheticSeries(count, months), source: 'synthetic' };
  const series = Array.from({ length: count }, (_, i) => {
    const base = fromCsv[i % fromCsv.length];
    return i < fromCsv.length ? base : { ...base, id: `${base.id}#${Math.floor(i / fromCsv.length)}` };
  });
  return { series, source: csvPath };
}
