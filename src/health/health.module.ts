import { Module } from '@nestjs/common';
import { ModelHostModule } from '../model-host/model-host.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { HealthController } from './health.controller';
import { ManagementProbes } from './management-probes';

@Module({ imports: [ModelHostModule, MonitoringModule], controllers: [HealthController], providers: [ManagementProbes] })
export class HealthModule {}
