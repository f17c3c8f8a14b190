import { promises as fs } from 'node:fs';
import { generateManifestSchema, MANIFEST_SCHEMA_FILE } from './forecasting/manifest-golden-request';

/** `npm run manifest-schema` rewrites the manifest schema's golden-request part from the forecast request DTO. */
async function main(): Promise<void> {
  await fs.writeFile(MANIFEST_SCHEMA_FILE, generateManifestSchema());
  console.log(`wrote ${MANIFEST_SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
