// Value sets the suites render the chart with.

/** Every optional object on, with AKS managed Prometheus' API group. */
export const allFlagsOn = {
  monitoring: {
    apiGroup: 'azmonitoring.coreos.com',
    serviceMonitor: { enabled: true },
    prometheusRule: { enabled: true },
    grafanaDashboard: { enabled: true },
  },
  ingress: { enabled: true, tls: { enabled: true } },
};

/** What the Deploy stage sets. */
export const pipelineValues = {
  image: { registry: 'contoso.azurecr.io', repository: 'demand-forecast', tag: '4711' },
  model: { registryUrl: 'https://contosomodels.blob.core.windows.net/models', name: 'demand-forecast', version: 'production' },
  workloadIdentity: { enabled: true, clientId: '11111111-2222-3333-4444-555555555555' },
};
