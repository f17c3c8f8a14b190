import { Counter, Registry } from 'prom-client';

/** Distinct consumer ids given their own label value; later ones share `other`, so the series count stays bounded. */
export const MAX_CONSUMER_LABELS = 50;

/** Requests per API consumer, on the app's registry: `api_consumer_requests_total{consumer, route, status_class}`. */
export class ConsumerMetrics {
  private readonly requests: Counter<'consumer' | 'route' | 'status_class'>;
  private readonly labels = new Set<string>();

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'api_consumer_requests_total',
      help: `API requests by consumer client id (the first ${MAX_CONSUMER_LABELS} seen; later ones as "other"; "anonymous" without credentials), route template and status class.`,
      labelNames: ['consumer', 'route', 'status_class'],
      registers: [registry],
    });
  }

  /** The bounded label value for a client id. */
  label(clientId: string | undefined): string {
    if (clientId === undefined) return 'anonymous';
    if (this.labels.has(clientId)) return clientId;
    if (this.labels.size >= MAX_CONSUMER_LABELS) return 'other';
    this.labels.add(clientId);
    return clientId;
  }

  observe(clientId: string | undefined, route: string, status: number): void {
    this.requests.inc({ consumer: this.label(clientId), route, status_class: `${Math.floor(status / 100)}xx` });
  }
}
