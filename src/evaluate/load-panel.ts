import { glob, isDynamicPattern } from 'tinyglobby';
import { MonthIndex } from '../features/month';
import { loadSalesCsv, SalesColumns, SalesSeries } from '../training/data/load-sales-csv';
import { SalesDataInvalidError, SalesDataProblem } from '../training/data/sales-data-invalid.error';

export interface LoadedPanel {
  files: string[];
  series: SalesSeries[];
  rows: number;
  dropped: SalesDataProblem[];
}

/** Expands glob patterns (a pattern that matches nothing is an error, as a missing file would be). */
export async function expandDataPaths(patterns: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!isDynamicPattern(pattern)) {
      files.push(pattern);
      continue;
    }
    const matches = (await glob(pattern, { onlyFiles: true, expandDirectories: false })).sort();
    if (matches.length === 0) throw new SalesDataInvalidError(pattern, [{ line: 0, message: 'the pattern matches no file' }], 'check --data');
    files.push(...matches);
  }
  return [...new Set(files)];
}

/**
 * Loads every file with the training loader and joins them into one panel, in file order. A series (country,
 * sku) may live in one file only: split files are split by series, and a key in two files is a data error.
 */
export async function loadPanel(patterns: string[], columns: SalesColumns, dropInvalid: boolean): Promise<LoadedPanel> {
  const files = await expandDataPaths(patterns);
  const series: SalesSeries[] = [];
  const owner = new Map<string, string>();
  const dropped: SalesDataProblem[] = [];
  let rows = 0;
  for (const file of files) {
    const data = await loadSalesCsv(file, { columns, dropInvalid });
    for (const s of data.series) {
      const key = `${s.country}\u0000${s.sku}`;
      const first = owner.get(key);
      if (first !== undefined) {
        throw new SalesDataInvalidError(file, [{ line: 0, message: `series ${s.country}/${s.sku} is also in ${first}` }], 'give each series in one file only');
      }
      owner.set(key, file);
      series.push(s);
    }
    rows += data.rows;
    dropped.push(...data.dropped.map((p) => ({ ...p, message: `${file}: ${p.message}` })));
  }
  return { files, series, rows, dropped };
}

/** The series whose last month is `end`, for benchmarks that hold out the same calendar months of every series. */
export function seriesEndingAt<T extends { start: MonthIndex; values: ArrayLike<number> }>(series: T[], end: MonthIndex): T[] {
  return series.filter((s) => s.start + s.values.length - 1 === end);
}
