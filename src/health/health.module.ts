import { Module } from '@nestjs/common';
import { ModelHostModule } from '../model-host/model-host.module';
import { HealthController } from './health.controller';

@Module({ imports: [ModelHostModule], controllers: [HealthController] })
export class HealthModule {}
