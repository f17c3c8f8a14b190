import { HostStatus } from '../model-host/model-host.service';

export interface HealthBody {
  status: 'ok' | 'ready' | 'loading' | 'failed' | 'stopping';
  reason?: string;
  model?: { name: string; version?: number };
}

export interface HealthReport {
  httpStatus: 200 | 503;
  body: HealthBody;
}

/** Liveness asks only whether the process answers; it never depends on the model or the registry. */
export function livenessReport(): HealthReport {
  return { httpStatus: 200, body: { status: 'ok' } };
}

/** Readiness: 200 only when a verified, warmed-up model can answer and the process is not shutting down. */
export function readinessReport(host: HostStatus): HealthReport {
  if (host.state === 'ready') return { httpStatus: 200, body: { status: 'ready', model: host.model } };
  return { httpStatus: 503, body: { status: host.state, reason: host.reason, model: host.model } };
}
