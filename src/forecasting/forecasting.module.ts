import { Module } from '@nestjs/common';
import { ModelHostModule } from '../model-host/model-host.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { ForecastController } from './forecast.controller';
import { ForecastingService } from './forecasting.service';

@Module({ imports: [ModelHostModule, MonitoringModule], controllers: [ForecastController], providers: [ForecastingService] })
export class ForecastingModule {}
