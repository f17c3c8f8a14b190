import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { createModelStore } from '../registry/create-model-store';
import { ModelRegistry } from '../registry/model-registry';
import { ModelHost } from './model-host.service';

@Module({
  imports: [MonitoringModule],
  providers: [
    {
      provide: ModelRegistry,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new ModelRegistry(createModelStore(config.registryUrl, { azureStorageConnectionString: config.azureStorageConnectionString })),
    },
    ModelHost,
  ],
  exports: [ModelHost],
})
export class ModelHostModule {}
