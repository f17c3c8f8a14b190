import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { SeriesHistory } from '../../features/feature-builder';
import { formatMonth, isMonth, MonthIndex, parseMonth } from '../../features/month';
import { SalesDataInvalidError, SalesDataProblem } from './sales-data-invalid.error';

/** Which CSV columns hold the series keys, the month, the quantity and the categorical attributes. */
export interface SalesColumns {
  country: string;
  sku: string;
  month: string;
  quantity: string;
  attributes: string[];
}

export const DEFAULT_SALES_COLUMNS: SalesColumns = {
  country: 'country',
  sku: 'sku',
  month: 'month',
  quantity: 'quantity',
  attributes: ['industry_group'],
};

export interface SalesCsvOptions {
  columns: SalesColumns;
  /** Drop malformed rows (and cut series at gaps) instead of stopping; what was dropped is returned. */
  dropInvalid: boolean;
  /** Names the input in messages. */
  source: string;
}

/** A training series: contiguous monthly values from `start`. */
export interface SalesSeries extends SeriesHistory {
  values: number[];
  attributes: Record<string, string>;
}

export interface SalesData {
  series: SalesSeries[];
  /** Data rows read (before dropping). */
  rows: number;
  dropped: SalesDataProblem[];
  start: MonthIndex;
  end: MonthIndex;
}

interface Observation {
  month: MonthIndex;
  quantity: number;
  line: number;
}

interface Draft {
  country: string;
  sku: string;
  attributes: Record<string, string>;
  observations: Observation[];
}

function readRow(
  record: string[],
  index: Record<string, number>,
  columns: SalesColumns,
): { problem?: string; country: string; sku: string; month: MonthIndex; quantity: number; attributes: Record<string, string> } {
  const field = (name: string) => (record[index[name]] ?? '').trim();
  const country = field(columns.country);
  const sku = field(columns.sku);
  const monthText = field(columns.month);
  const quantityText = field(columns.quantity);
  const attributes: Record<string, string> = {};
  for (const a of columns.attributes) if (field(a) !== '') attributes[a] = field(a);
  const base = { country, sku, attributes, month: 0, quantity: 0 };
  if (record.length !== Object.keys(index).length) {
    return { ...base, problem: `has ${record.length} fields, the header has ${Object.keys(index).length}` };
  }
  if (country === '') return { ...base, problem: `${columns.country} is empty` };
  if (sku === '') return { ...base, problem: `${columns.sku} is empty` };
  if (!isMonth(monthText)) return { ...base, problem: `${columns.month} "${monthText}" is not a month in YYYY-MM form` };
  const quantity = quantityText === '' ? Number.NaN : Number(quantityText);
  if (!Number.isFinite(quantity)) return { ...base, problem: `${columns.quantity} "${quantityText}" is not a finite number` };
  if (quantity < 0) return { ...base, problem: `${columns.quantity} ${quantityText} is negative` };
  return { ...base, month: parseMonth(monthText), quantity };
}

/** Orders a series by month and checks it has no missing month; with dropInvalid keeps its last contiguous run. */
function finishSeries(draft: Draft, problems: SalesDataProblem[], dropInvalid: boolean): SalesSeries {
  const observations = [...draft.observations].sort((a, b) => a.month - b.month);
  let runStart = 0;
  for (let i = 1; i < observations.length; i++) {
    const missing = observations[i].month - observations[i - 1].month - 1;
    if (missing > 0) {
      problems.push({
        line: observations[i].line,
        message:
          `series ${draft.country}/${draft.sku} has no rows for ${missing} month(s) from ` +
          `${formatMonth(observations[i - 1].month + 1)} to ${formatMonth(observations[i].month - 1)}` +
          (dropInvalid ? '; months before the gap are dropped' : ''),
      });
      runStart = i;
    }
  }
  const kept = observations.slice(runStart);
  return {
    country: draft.country,
    sku: draft.sku,
    attributes: draft.attributes,
    start: kept[0].month,
    values: kept.map((o) => o.quantity),
  };
}

/**
 * Parses the long sales CSV into contiguous monthly series, one per (country, sku), in order of first
 * appearance. Malformed rows, duplicate (country, sku, month) rows and gaps inside a series are problems:
 * they stop the load (SalesDataInvalidError listing line numbers) unless `dropInvalid`, in which case bad rows
 * and later duplicates are dropped and a series with a gap keeps only the months after its last gap.
 */
export function parseSalesCsv(text: string | Buffer, options: SalesCsvOptions): SalesData {
  const { columns, dropInvalid, source } = options;
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  if (records.length === 0) throw new SalesDataInvalidError(source, [{ line: 1, message: 'the file has no header row' }]);
  const header = records[0].record.map((h) => h.trim());
  const index: Record<string, number> = {};
  header.forEach((name, i) => (index[name] = i));
  const required = [columns.country, columns.sku, columns.month, columns.quantity, ...columns.attributes];
  const absent = required.filter((name) => !(name in index));
  if (absent.length > 0) {
    throw new SalesDataInvalidError(
      source,
      [{ line: 1, message: `the header lacks column(s) ${absent.join(', ')} (it has ${header.join(', ')})` }],
      'name the columns with --country-column, --sku-column, --month-column, --quantity-column, --attributes',
    );
  }

  const problems: SalesDataProblem[] = [];
  const drafts = new Map<string, Draft>();
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const row = readRow(record, index, columns);
    if (row.problem) {
      problems.push({ line, message: row.problem });
      continue;
    }
    const key = `${row.country}\u0000${row.sku}`;
    const monthKey = `${key}\u0000${row.month}`;
    const firstLine = seen.get(monthKey);
    if (firstLine !== undefined) {
      problems.push({ line, message: `duplicate of line ${firstLine} for ${row.country}/${row.sku} ${formatMonth(row.month)}` });
      continue;
    }
    seen.set(monthKey, line);
    let draft = drafts.get(key);
    if (!draft) {
      draft = { country: row.country, sku: row.sku, attributes: { ...row.attributes }, observations: [] };
      drafts.set(key, draft);
    }
    for (const [name, value] of Object.entries(row.attributes)) {
      const known = draft.attributes[name];
      if (known === undefined) draft.attributes[name] = value;
      else if (known !== value) problems.push({ line, message: `${name} "${value}" differs from "${known}" earlier in series ${row.country}/${row.sku}; the first is kept` });
    }
    draft.observations.push({ month: row.month, quantity: row.quantity, line });
  }

  const series = [...drafts.values()].map((d) => finishSeries(d, problems, dropInvalid));
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0 && !dropInvalid) throw new SalesDataInvalidError(source, problems);
  if (series.length === 0) throw new SalesDataInvalidError(source, [{ line: 1, message: 'the file has no valid data rows' }]);
  return {
    series,
    rows: records.length - 1,
    dropped: problems,
    start: Math.min(...series.map((s) => s.start)),
    end: Math.max(...series.map((s) => s.start + s.values.length - 1)),
  };
}

export interface SalesFile extends SalesData {
  sha256: string;
}

export async function loadSalesCsv(path: string, options: Omit<SalesCsvOptions, 'source'>): Promise<SalesFile> {
  const bytes = await fs.readFile(path);
  return { ...parseSalesCsv(bytes, { ...options, source: path }), sha256: createHash('sha256').update(bytes).digest('hex') };
}
