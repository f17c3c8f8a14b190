import { parseArgs } from 'node:util';
import { ALIAS_PATTERN, ALIAS_RULE, MODEL_NAME_PATTERN, MODEL_NAME_RULE } from '../common/names';
import { DEFAULT_SALES_COLUMNS } from './data/load-sales-csv';
import { DEFAULT_TRAINING_PARAMS } from './training-params';
import { TrainingRunOptions } from './training-run-options';

export const TRAIN_USAGE = `Usage: npm run train -- [options]
  --data <csv>              long CSV of monthly quantities (default data/aus_retail/sales.csv)
  --registry <url>          file:<folder> or https://<account>.blob.core.windows.net/<container> (default file:./registry);
                            Azure uses AZURE_STORAGE_CONNECTION_STRING when set, else DefaultAzureCredential
  --model <name>            model name in the registry (default demand-forecast)
  --seed <int>              random seed (default 42)
  --promote <alias>         move the alias to the new version if it beats the alias's version on holdout WAPE
                            without a worse |bias|
  --force                   with --promote: move the alias even if the new version does not win
  --live-accuracy <file>    with --promote: the alias holder's live accuracy (JSON from live-accuracy-cli), used by
                            the promotion rule beside the holdout and printed beside the candidate's backtest
  --drop-invalid            drop malformed rows (and cut series at gaps) instead of stopping
  --report <file.md>        write the Markdown report there, charts into <file>/ (default docs/training-report.md;
                            --no-report to skip)
  --country-column, --sku-column, --month-column, --quantity-column <name>
                            CSV column names (defaults country, sku, month, quantity)
  --attributes <a,b>        attribute columns encoded as features (default industry_group; "" for none)
  --trees <int>             boosting rounds (default ${DEFAULT_TRAINING_PARAMS.gbdt.trees})
  --origin-months <int>     training origins per series: months before the cutoff (default ${DEFAULT_TRAINING_PARAMS.originMonths})
Exit codes: 0 registered (promoted or not: the reason is printed), 1 failure, 2 bad arguments or data.`;

/** A command line that cannot be run; exit code 2. */
export class TrainArgumentsError extends Error {}

function integer(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new TrainArgumentsError(`--${name} must be an integer >= ${min}, got "${text}"`);
  return value;
}

export function parseTrainArgs(argv: string[], env: NodeJS.ProcessEnv): TrainingRunOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string', default: 'data/aus_retail/sales.csv' },
        registry: { type: 'string', default: 'file:./registry' },
        model: { type: 'string', default: 'demand-forecast' },
        seed: { type: 'string' },
        promote: { type: 'string' },
        force: { type: 'boolean', default: false },
        'live-accuracy': { type: 'string' },
        'drop-invalid': { type: 'boolean', default: false },
        report: { type: 'string', default: 'docs/training-report.md' },
        'no-report': { type: 'boolean', default: false },
        'country-column': { type: 'string', default: DEFAULT_SALES_COLUMNS.country },
        'sku-column': { type: 'string', default: DEFAULT_SALES_COLUMNS.sku },
        'month-column': { type: 'string', default: DEFAULT_SALES_COLUMNS.month },
        'quantity-column': { type: 'string', default: DEFAULT_SALES_COLUMNS.quantity },
        attributes: { type: 'string', default: DEFAULT_SALES_COLUMNS.attributes.join(',') },
        trees: { type: 'string' },
        'origin-months': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new TrainArgumentsError((error as Error).message);
  }
  if (values.help) return 'help';
  if (values.force && !values.promote) throw new TrainArgumentsError('--force only makes sense with --promote <alias>');
  if (!MODEL_NAME_PATTERN.test(values.model)) throw new TrainArgumentsError(`--model "${values.model}" must be ${MODEL_NAME_RULE}`);
  if (values.promote !== undefined && (!ALIAS_PATTERN.test(values.promote) || values.promote === 'latest')) {
    throw new TrainArgumentsError(`--promote "${values.promote}" must be an alias name other than "latest" (${ALIAS_RULE})`);
  }
  const attributes = values.attributes.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const defaults = DEFAULT_TRAINING_PARAMS;
  return {
    dataPath: values.data,
    columns: { country: values['country-column'], sku: values['sku-column'], month: values['month-column'], quantity: values['quantity-column'], attributes },
    dropInvalid: values['drop-invalid'],
    registryUrl: values.registry,
    azureStorageConnectionString: env.AZURE_STORAGE_CONNECTION_STRING || undefined,
    model: values.model,
    promote: values.promote,
    force: values.force,
    liveAccuracyPath: values['live-accuracy'],
    reportPath: values['no-report'] ? undefined : values.report,
    params: {
      ...defaults,
      seed: integer('seed', values.seed, defaults.seed, 0),
      gbdt: { ...defaults.gbdt, trees: integer('trees', values.trees, defaults.gbdt.trees, 1) },
      features: { ...defaults.features, attributes },
      originMonths: integer('origin-months', values['origin-months'], defaults.originMonths, 1),
    },
  };
}
