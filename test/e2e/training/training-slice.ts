import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SALES_COLUMNS } from '../../../src/training/data/load-sales-csv';
import { TrainingRunOptions } from '../../../src/training/training-run-options';
import { DEFAULT_TRAINING_PARAMS } from '../../../src/training/training-params';
import { TrainingProgress } from '../../../src/training/training-progress';

const SLICE_SERIES = new Set(['NSW,food', 'VIC,food', 'WA,liquor', 'ACT,clothing']);
const FIRST_MONTH = '2009-01';

/** Four real aus_retail series from 2009 on: enough for backtest, holdout and final model, small enough for seconds. */
export async function writeSlice(folder: string): Promise<string> {
  const text = await fs.readFile(path.resolve(__dirname, '../../../data/aus_retail/sales.csv'), 'utf8');
  const [header, ...rows] = text.trim().split('\n');
  const kept = rows.filter((row) => {
    const [country, sku, , month] = row.split(',');
    return SLICE_SERIES.has(`${country},${sku}`) && month >= FIRST_MONTH;
  });
  const file = path.join(folder, 'slice.csv');
  await fs.writeFile(file, [header, ...kept].join('\n') + '\n');
  return file;
}

export function sliceOptions(dataPath: string, registryUrl: string, overrides: Partial<TrainingRunOptions> = {}): TrainingRunOptions {
  return {
    dataPath,
    columns: DEFAULT_SALES_COLUMNS,
    dropInvalid: false,
    registryUrl,
    model: 'demand-forecast',
    force: false,
    params: { ...DEFAULT_TRAINING_PARAMS, gbdt: { ...DEFAULT_TRAINING_PARAMS.gbdt, trees: 15 }, originMonths: 36 },
    ...overrides,
  };
}

export const quietProgress: TrainingProgress = { stage() {}, update() {}, log() {}, stop() {} };
