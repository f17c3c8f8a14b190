import { parseArgs } from 'node:util';
import { isMonth, MONTH_RULE, MonthIndex, parseMonth } from '../features/month';
import { SalesColumns } from '../training/data/load-sales-csv';
import { parseTrainArgs, TrainArgumentsError } from '../training/train-args';
import { METHOD_NAMES, MethodName } from './method-catalogue';

export const DEFAULT_ORIGIN_OFFSETS = [18, 24, 30];
export const DEFAULT_HORIZON = 18;
// One season plus a month: the least history for which the MASE scale (in-sample seasonal-naive MAE) exists.
export const DEFAULT_MIN_HISTORY = 13;

export const EVALUATE_USAGE = `Usage: npm run evaluate -- --data <csv> [options]
  --data <csv>              long CSV of monthly quantities; repeat it, give a comma list or a glob
                            (e.g. data/m3_monthly/long_part*.csv) to load several files as one panel
  --method <a,b>            methods to score on the same points: ${METHOD_NAMES.join(', ')}
                            (default ${METHOD_NAMES.join(',')})
  --origins <a,b>           origin offsets in months: each series is cut at its own last month minus the offset
                            (default ${DEFAULT_ORIGIN_OFFSETS.join(',')})
  --horizon <int>           months forecast after each cut (default ${DEFAULT_HORIZON})
  --min-history <int>       months a series needs before a cut to take part at that origin (default ${DEFAULT_MIN_HISTORY})
  --only-ending <YYYY-MM>   score only the series whose last month is this one (e.g. a published benchmark
                            that holds out the same months of every series)
  --report <file.md>        write the Markdown report there, charts into <file>/ (default: no report)
  --drop-invalid            drop malformed rows (and cut series at gaps) instead of stopping
  --country-column, --sku-column, --month-column, --quantity-column <name>, --attributes <a,b>
                            CSV columns, as for npm run train (defaults country, sku, month, quantity, industry_group)
Exit codes: 0 evaluated, 1 failure, 2 bad arguments or data.`;

/** The column options shared with the training CLI; their parsing and defaults stay in train-args.ts. */
const COLUMN_OPTIONS = ['country-column', 'sku-column', 'month-column', 'quantity-column', 'attributes'];

export interface EvaluateOptions {
  /** CSV paths or glob patterns, as given. */
  data: string[];
  columns: SalesColumns;
  dropInvalid: boolean;
  methods: MethodName[];
  originOffsets: number[];
  horizon: number;
  minHistory: number;
  /** Only series whose last month is this one take part. */
  onlyEnding?: MonthIndex;
  reportPath?: string;
}

/** A command line that cannot be run; exit code 2. */
export class EvaluateArgumentsError extends Error {}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new EvaluateArgumentsError(`--${name} must be an integer >= 1, got "${text}"`);
  return value;
}

function list(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

/** Splits argv into the column options (parsed by the training CLI's parser) and the rest. */
function splitColumnArgs(argv: string[]): { columnArgs: string[]; rest: string[] } {
  const columnArgs: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(=.*)?$/.exec(argv[i]);
    if (match && COLUMN_OPTIONS.includes(match[1])) {
      columnArgs.push(argv[i]);
      // A missing value stays missing, so the training parser reports it instead of eating the next option.
      if (match[2] === undefined && i + 1 < argv.length && !argv[i + 1].startsWith('--')) columnArgs.push(argv[++i]);
    } else {
      rest.push(argv[i]);
    }
  }
  return { columnArgs, rest };
}

export function parseEvaluateArgs(argv: string[]): EvaluateOptions | 'help' {
  const { columnArgs, rest } = splitColumnArgs(argv);
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      strict: true,
      // Unquoted globs arrive expanded by the shell: `--data part1.csv part2.csv`; the extra names are data files.
      allowPositionals: true,
      options: {
        data: { type: 'string', multiple: true },
        method: { type: 'string', default: METHOD_NAMES.join(',') },
        origins: { type: 'string', default: DEFAULT_ORIGIN_OFFSETS.join(',') },
        horizon: { type: 'string', default: String(DEFAULT_HORIZON) },
        'min-history': { type: 'string', default: String(DEFAULT_MIN_HISTORY) },
        report: { type: 'string' },
        'only-ending': { type: 'string' },
        'drop-invalid': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new EvaluateArgumentsError((error as Error).message);
  }
  if (values.help) return 'help';
  const data = [...(values.data ?? []), ...positionals].flatMap(list);
  if (data.length === 0) throw new EvaluateArgumentsError('--data <csv> is required');

  let columns: SalesColumns;
  try {
    const parsed = parseTrainArgs(columnArgs, {});
    if (parsed === 'help') throw new EvaluateArgumentsError('unexpected --help among the column options');
    columns = parsed.columns;
  } catch (error) {
    if (error instanceof TrainArgumentsError) throw new EvaluateArgumentsError(error.message);
    throw error;
  }

  const methods = list(values.method);
  if (methods.length === 0) throw new EvaluateArgumentsError(`--method needs at least one of ${METHOD_NAMES.join(', ')}`);
  for (const m of methods) {
    if (!(METHOD_NAMES as readonly string[]).includes(m)) throw new EvaluateArgumentsError(`--method "${m}" is not one of ${METHOD_NAMES.join(', ')}`);
  }
  if (new Set(methods).size !== methods.length) throw new EvaluateArgumentsError(`--method lists a method twice: ${values.method}`);

  const originOffsets = list(values.origins).map((o) => positiveInteger('origins', o));
  if (originOffsets.length === 0) throw new EvaluateArgumentsError('--origins needs at least one offset');
  if (new Set(originOffsets).size !== originOffsets.length) throw new EvaluateArgumentsError(`--origins lists an offset twice: ${values.origins}`);
  if (values.report !== undefined && !values.report.endsWith('.md')) throw new EvaluateArgumentsError(`--report "${values.report}" must name a .md file`);

  const onlyEnding = values['only-ending'];
  if (onlyEnding !== undefined && !isMonth(onlyEnding)) throw new EvaluateArgumentsError(`--only-ending "${onlyEnding}" ${MONTH_RULE}`);

  return {
    data,
    columns,
    dropInvalid: values['drop-invalid'],
    methods: methods as MethodName[],
    originOffsets,
    horizon: positiveInteger('horizon', values.horizon),
    minHistory: positiveInteger('min-history', values['min-history']),
    onlyEnding: onlyEnding === undefined ? undefined : parseMonth(onlyEnding),
    reportPath: values.report,
  };
}
