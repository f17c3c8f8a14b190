import { SalesColumns } from './data/load-sales-csv';
import { TrainingParams } from './training-params';

/** What one `npm run train` run is asked to do; parsed from the command line by train-args. */
export interface TrainingRunOptions {
  dataPath: string;
  columns: SalesColumns;
  dropInvalid: boolean;
  registryUrl: string;
  azureStorageConnectionString?: string;
  model: string;
  params: TrainingParams;
  promote?: string;
  force: boolean;
  /** JSON written by registration/live-accuracy-cli: the alias holder's live accuracy for the promotion rule. */
  liveAccuracyPath?: string;
  /** Markdown report path; its charts go to a folder of the same name without the extension. */
  reportPath?: string;
  now?: () => Date;
}
