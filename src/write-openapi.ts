import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createApp } from './bootstrap';
import { loadAppConfig } from './config/load-app-config';
import { buildOpenApiDocument, serializeOpenApi } from './openapi/openapi-document';

export const COMMITTED_OPENAPI = path.join('openapi', 'openapi.json');

/** The document as the current code generates it; builds the app without initialising it, so no model loads. */
export async function generateOpenApi(): Promise<string> {
  const app = await createApp(loadAppConfig({ LOG_LEVEL: 'silent', MONITORING_ENABLED: 'false', SHUTDOWN_DRAIN_DELAY_MS: '0' }));
  try {
    return serializeOpenApi(buildOpenApiDocument(app));
  } finally {
    await app.close();
  }
}

/** `npm run openapi` writes openapi/openapi.json; with `--check` it only fails when the committed file differs. */
async function main(check: boolean): Promise<void> {
  const generated = await generateOpenApi();
  if (check) {
    const committed = await fs.readFile(COMMITTED_OPENAPI, 'utf8').catch(() => '');
    if (committed !== generated) {
      console.error(`${COMMITTED_OPENAPI} is out of date: run \`npm run openapi\` and commit the result`);
      process.exit(1);
    }
    console.log(`${COMMITTED_OPENAPI} is up to date`);
    return;
  }
  await fs.mkdir(path.dirname(COMMITTED_OPENAPI), { recursive: true });
  await fs.writeFile(COMMITTED_OPENAPI, generated);
  console.log(`wrote ${COMMITTED_OPENAPI}`);
}

if (require.main === module) {
  main(process.argv.includes('--check')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
