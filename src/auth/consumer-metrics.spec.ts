import { Registry } from 'prom-client';
import { ConsumerMetrics, MAX_CONSUMER_LABELS } from './consumer-metrics';

describe('ConsumerMetrics', () => {
  it('gives the first consumers their own label and every later one "other", so cardinality is bounded', async () => {
    const registry = new Registry();
    const metrics = new ConsumerMetrics(registry);
    for (let i = 0; i < MAX_CONSUMER_LABELS + 20; i++) metrics.observe(`client-${i}`, '/v1/forecast', 200);
    metrics.observe('client-0', '/v1/forecast', 403);
    metrics.observe(undefined, '/v1/forecast', 401);
    const values = (await registry.getSingleMetric('api_consumer_requests_total')!.get()).values;
    const consumers = new Set(values.map((v) => v.labels.consumer));
    expect(consumers.size).toBe(MAX_CONSUMER_LABELS + 2);
    expect(values.find((v) => v.labels.consumer === 'other')?.value).toBe(20);
    expect(values.find((v) => v.labels.consumer === 'client-0' && v.labels.status_class === '4xx')?.value).toBe(1);
    expect(values.find((v) => v.labels.consumer === 'anonymous')?.value).toBe(1);
  });
});
