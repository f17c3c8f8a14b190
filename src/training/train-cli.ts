import { DomainError } from '../common/domain-error';
import { SalesDataInvalidError } from './data/sales-data-invalid.error';
import { parseTrainArgs, TRAIN_USAGE, TrainArgumentsError } from './train-args';
import { runTraining } from './train-pipeline';
import { createTrainingProgress } from './training-progress';

async function main(): Promise<number> {
  let options;
  try {
    options = parseTrainArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof TrainArgumentsError)) throw error;
    process.stderr.write(`${error.message}\n\n${TRAIN_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${TRAIN_USAGE}\n`);
    return 0;
  }
  const progress = createTrainingProgress();
  try {
    const result = await runTraining(options, progress);
    const m = result.manifest.metrics;
    progress.log(
      `holdout WAPE ${m.wape.toFixed(4)} (Holt-Winters ${m.hw_wape.toFixed(4)}, seasonal naive ${m.snaive_wape.toFixed(4)}), ` +
        `bias ${m.bias.toFixed(4)} (Holt-Winters ${m.hw_bias.toFixed(4)}); beats baselines: ${result.evaluation.beatsBaselines}; ` +
        `${(result.durationMs / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof SalesDataInvalidError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`training failed: ${error instanceof DomainError ? `${error.code}: ` : ''}${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

void main().then((code) => (process.exitCode = code));
