import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { createForecastLogStore } from '../../monitoring/forecast-log/create-forecast-log-store';
import { createModelStore } from '../../registry/create-model-store';
import { ModelRegistry } from '../../registry/model-registry';
import { liveAccuracy } from './live-accuracy';
import { RetryingModelStore, STORE_RETRY } from '../../registry/retrying-model-store';

const USAGE = `Usage: node dist/training/registration/live-accuracy-cli.js --log <url> [options]
  --log <url>        the service's FORECAST_LOG_URL (file:<folder> or a Blob container URL)
  --registry <url>   model registry (default file:./registry), to resolve the alias
  --model <name>     default demand-forecast
  --alias <alias>    the served alias (default production)
  --months <int>     actual months to include, ending at the latest (default 12)
  --out <file.json>  where to write the figures, for npm run train -- --live-accuracy <file.json>
Azure uses AZURE_STORAGE_CONNECTION_STRING when set, else DefaultAzureCredential. Exit 0 also when no actuals exist yet.`;

/** The retraining pipeline's step before training: the served version's live accuracy from the forecast log. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      log: { type: 'string' },
      registry: { type: 'string', default: 'file:./registry' },
      model: { type: 'string', default: 'demand-forecast' },
      alias: { type: 'string', default: 'production' },
      months: { type: 'string', default: '12' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.log) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const months = Number(values.months);
  if (!Number.isInteger(months) || months < 1) throw new Error(`--months must be a whole number >= 1, got "${values.months}"`);
  const connection = { azureStorageConnectionString: process.env.AZURE_STORAGE_CONNECTION_STRING || undefined };
  const onRetry = (operation: string, error: unknown) => console.error(`store ${operation} failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
  const registry = new ModelRegistry(new RetryingModelStore(createModelStore(values.registry, connection), { ...STORE_RETRY, onRetry }));
  const version = (await registry.readAliases(values.model)).aliases[values.alias];
  if (version === undefined) {
    console.log(`no version holds ${values.alias} yet: no live accuracy to report`);
    return;
  }
  // No metrics registry in a CLI: each retry of the log's store is reported on stderr instead.
  const live = await liveAccuracy(createForecastLogStore(values.log, { ...connection, onRetry }), values.model, version, { months });
  console.log(
    `${values.alias} = version ${version}: live WAPE ${live.wape.toFixed(4)}, accuracy ${live.accuracy.toFixed(4)}, bias ${live.bias.toFixed(4)} over ${live.points} points` +
      (live.from ? ` (${live.from}..${live.to})` : ''),
  );
  if (values.out) await fs.writeFile(values.out, JSON.stringify(live, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
