// Strict subsets of the Prometheus Operator CRDs (monitoring.coreos.com/v1), covering the fields this chart
// may set; the same kinds under AKS managed Prometheus' azmonitoring.coreos.com group share the schema.
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const duration = { type: 'string', pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$' };
const metadata = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: stringMap, annotations: stringMap },
  additionalProperties: false,
};
const labelSelector = {
  type: 'object',
  additionalProperties: false,
  properties: { matchLabels: stringMap, matchExpressions: { type: 'array' } },
};

export const monitoringSchemas: Record<string, object> = {
  ServiceMonitor: {
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { type: 'string', pattern: '^(az)?monitoring\\.coreos\\.com/v1$' },
      kind: { const: 'ServiceMonitor' },
      metadata,
      spec: {
        type: 'object',
        additionalProperties: false,
        required: ['selector', 'endpoints'],
        properties: {
          jobLabel: { type: 'string' },
          selector: labelSelector,
          namespaceSelector: {
            type: 'object',
            additionalProperties: false,
            properties: { any: { type: 'boolean' }, matchNames: { type: 'array', items: { type: 'string' } } },
          },
          endpoints: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                port: { type: 'string' },
                path: { type: 'string' },
                scheme: { enum: ['http', 'https'] },
                interval: duration,
                scrapeTimeout: duration,
                honorLabels: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
  },
  PrometheusRule: {
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { type: 'string', pattern: '^(az)?monitoring\\.coreos\\.com/v1$' },
      kind: { const: 'PrometheusRule' },
      metadata,
      spec: {
        type: 'object',
        additionalProperties: false,
        required: ['groups'],
        properties: {
          groups: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'rules'],
              properties: {
                name: { type: 'string', minLength: 1 },
                interval: duration,
                limit: { type: 'integer' },
                partial_response_strategy: { type: 'string' },
                rules: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['expr'],
                    properties: {
                      alert: { type: 'string' },
                      record: { type: 'string' },
                      expr: { type: ['string', 'integer'] },
                      for: duration,
                      keep_firing_for: duration,
                      labels: stringMap,
                      annotations: stringMap,
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
