import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModelHost } from '../model-host/model-host.service';
import { MetricsServer } from '../monitoring/metrics/metrics-server';
import { HealthReport, livenessReport, readinessReport } from './health-report';

/**
 * The probes also on the management port, where the chart points the kubelet: under a flood of API connections
 * the API port's accept queue held a liveness probe for seconds while the event loop itself was free. Same
 * event loop, same reports as the API port's /health routes (health.controller.ts).
 */
@Injectable()
export class ManagementProbes implements OnModuleInit {
  constructor(
    private readonly host: ModelHost,
    private readonly management: MetricsServer,
  ) {}

  onModuleInit(): void {
    const answer = ({ httpStatus, body }: HealthReport) => ({ status: httpStatus, body });
    this.management.route('/health/live', () => answer(livenessReport()));
    this.management.route('/health/ready', () => answer(readinessReport(this.host.status())));
  }
}
