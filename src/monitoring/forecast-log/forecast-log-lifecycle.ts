import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ForecastLogWriter } from './forecast-log-writer';

/**
 * Writes what is still buffered when the app shuts down. Nest runs this after the HTTP server closed, so every
 * forecast served before a rollout's SIGTERM reaches the log for the next replica's actuals.
 */
@Injectable()
export class ForecastLogLifecycle implements OnApplicationShutdown {
  constructor(private readonly writer: ForecastLogWriter) {}

  async onApplicationShutdown(): Promise<void> {
    await this.writer.close();
  }
}
