// Tracing must patch node:http before Fastify loads, so it is the first import.
import { shutdownTracing } from './monitoring/tracing/tracing';
import { bootstrap } from './bootstrap';
import { AppConfigInvalidError } from './config/app-config-invalid.error';

async function main(): Promise<void> {
  const service = await bootstrap();
  // Instead of Nest's enableShutdownHooks(): it either re-raises the signal (exit status 143, not 0) or exits
  // before the trace exporter has flushed. app.close() runs the same lifecycle hooks in the same order.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      service
        .close()
        .then(shutdownTracing)
        .then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          },
        );
    });
  }
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: one line naming the variables, no stack.
  if (error instanceof AppConfigInvalidError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
