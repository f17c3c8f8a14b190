import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { chartDir, findObject, KubernetesObject, renderChart } from './support/chart-renderer';
import { allFlagsOn, pipelineValues } from './support/chart-values';
import { validateKubernetesObjects } from './support/kubernetes-validator';
import { podSpecOf, restrictedViolations } from './support/pod-security-restricted';
import { valuesErrors } from './support/values-schema';
import { MODEL_NAME_PATTERN, VERSION_SELECTOR_PATTERN } from '../../src/common/names';

/* eslint-disable @typescript-eslint/no-explicit-any */
const spec = (o: KubernetesObject): any => o.spec;
const apiContainer = (objects: KubernetesObject[]): any => spec(findObject(objects, 'Deployment')).template.spec.containers[0];

describe('Helm chart helm/demand-forecast', () => {
  let defaults: KubernetesObject[];
  let allOn: KubernetesObject[];

  beforeAll(() => {
    defaults = renderChart();
    allOn = renderChart([allFlagsOn, pipelineValues]);
  }, 300_000);

  describe.each([
    ['default values', () => defaults],
    ['every optional flag on', () => allOn],
  ])('rendered with %s', (_name, objects) => {
    it('renders only objects valid against the Kubernetes schemas, unknown fields rejected', () => {
      expect(validateKubernetesObjects(objects())).toEqual([]);
    });

    it('renders only pods meeting the restricted Pod Security Standard', () => {
      const pods = objects().filter((o) => podSpecOf(o));
      expect(pods.map((o) => o.kind).sort()).toEqual(['Deployment', 'Pod']);
      for (const o of pods) expect({ object: `${o.kind}/${o.metadata.name}`, violations: restrictedViolations(podSpecOf(o)!) }).toEqual({ object: `${o.kind}/${o.metadata.name}`, violations: [] });
    });
  });

  it('renders the always-on objects by default and the optional ones behind their flags', () => {
    const kinds = (objects: KubernetesObject[]) => objects.map((o) => o.kind).sort();
    expect(kinds(defaults)).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'Pod', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    expect(kinds(allOn)).toEqual(
      ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy', 'Pod', 'PodDisruptionBudget', 'PrometheusRule', 'Service', 'ServiceAccount', 'ServiceMonitor'],
    );
    expect(findObject(allOn, 'HorizontalPodAutoscaler').apiVersion).toBe('autoscaling/v2');
  });

  it('probes the health endpoints, with a startup probe that allows minutes for the model download', () => {
    const c = apiContainer(defaults);
    expect(c.startupProbe.httpGet).toEqual({ path: '/health/ready', port: 'metrics' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'metrics' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'metrics' });
    expect(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold).toBeGreaterThanOrEqual(300);
    expect(c.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(c.resources.limits.memory).toEqual(expect.any(String));
  });

  it('runs on a read-only root file system with emptyDir volumes for the model cache and /tmp', () => {
    const pod = spec(findObject(defaults, 'Deployment')).template.spec;
    const c = pod.containers[0];
    const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    const mounts = Object.fromEntries(c.volumeMounts.map((m: any) => [m.mountPath, m.name]));
    const volumes = Object.fromEntries(pod.volumes.map((v: any) => [v.name, v]));
    expect(volumes[mounts[env.MODEL_CACHE_DIR]].emptyDir).toBeDefined();
    expect(volumes[mounts['/tmp']].emptyDir).toBeDefined();
  });

  it('gives the drain time to finish before the kubelet kills the pod', () => {
    const pod = spec(findObject(defaults, 'Deployment')).template.spec;
    const c = pod.containers[0];
    const drainMs = Number(c.env.find((e: any) => e.name === 'SHUTDOWN_DRAIN_DELAY_MS').value);
    const preStop = c.lifecycle.preStop.sleep.seconds;
    expect(preStop).toBeGreaterThan(0);
    // preStop runs inside the grace period; then the app drains and releases the model (margin of 10 s).
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + drainMs / 1000 + 10);
    expect(spec(findObject(defaults, 'Deployment')).strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('spreads pods across nodes and zones', () => {
    const pod = spec(findObject(defaults, 'Deployment')).template.spec;
    expect(pod.topologySpreadConstraints.map((t: any) => t.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
    const selector = spec(findObject(defaults, 'Deployment')).selector.matchLabels;
    for (const t of pod.topologySpreadConstraints) expect(t.labelSelector.matchLabels).toEqual(selector);
  });

  it('uses AKS workload identity: pod label and service account client-id annotation', () => {
    const deployment = spec(findObject(allOn, 'Deployment'));
    expect(deployment.template.metadata.labels['azure.workload.identity/use']).toBe('true');
    const sa = findObject(allOn, 'ServiceAccount');
    expect(deployment.template.spec.serviceAccountName).toBe(sa.metadata.name);
    expect(sa.metadata.annotations?.['azure.workload.identity/client-id']).toBe(pipelineValues.workloadIdentity.clientId);
  });

  it('takes the registry, image tag, model name and version from values', () => {
    const c = apiContainer(allOn);
    expect(c.image).toBe('contoso.azurecr.io/demand-forecast:4711');
    const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));
    expect(env).toEqual(expect.objectContaining({
      MODEL_REGISTRY_URL: pipelineValues.model.registryUrl, MODEL_NAME: 'demand-forecast', MODEL_VERSION: 'production',
    }));
  });

  it('restarts the pods when rolloutToken changes, so they resolve a newly promoted alias', () => {
    const annotations = spec(findObject(renderChart([{ rolloutToken: 'retrain-2026-11' }]), 'Deployment')).template.metadata.annotations;
    expect(annotations['demand-forecast/rollout-token']).toBe('retrain-2026-11');
  });

  it('exposes the API and metrics ports on the Service and allows them in the NetworkPolicy', () => {
    const ports = spec(findObject(defaults, 'Service')).ports.map((p: any) => p.targetPort).sort();
    expect(ports).toEqual(['http', 'metrics']);
    const containerPorts = apiContainer(defaults).ports.map((p: any) => p.name).sort();
    expect(containerPorts).toEqual(['http', 'metrics']);
    const allowed = spec(findObject(defaults, 'NetworkPolicy')).ingress.flatMap((r: any) => r.ports.map((p: any) => p.port)).sort();
    expect(allowed).toEqual(['http', 'metrics']);
  });

  it('puts the monitoring objects in the configured API group', () => {
    expect(findObject(allOn, 'ServiceMonitor').apiVersion).toBe('azmonitoring.coreos.com/v1');
    expect(findObject(allOn, 'PrometheusRule').apiVersion).toBe('azmonitoring.coreos.com/v1');
    const operator = renderChart([allFlagsOn, { monitoring: { apiGroup: 'monitoring.coreos.com' } }]);
    expect(findObject(operator, 'ServiceMonitor').apiVersion).toBe('monitoring.coreos.com/v1');
  });

  it('ships the rule file and dashboard from files/ unchanged', () => {
    const rules = parse(fs.readFileSync(path.join(chartDir, 'files/prometheus-rules.yml'), 'utf8'));
    expect(spec(findObject(allOn, 'PrometheusRule')).groups).toEqual(rules.groups);
    const dashboard = findObject(allOn, 'ConfigMap');
    expect(dashboard.metadata.labels?.grafana_dashboard).toBe('1');
    const json = (dashboard as any).data['demand-forecast-dashboard.json'];
    expect(JSON.parse(json)).toEqual(JSON.parse(fs.readFileSync(path.join(chartDir, 'files/grafana-dashboard.json'), 'utf8')));
  });

  it('has a helm test hook pod that checks readiness and a forecast through the Service', () => {
    const pod = findObject(defaults, 'Pod');
    expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    const script = spec(pod).containers[0].command.join(' ');
    expect(script).toContain('/health/ready');
    expect(script).toContain('/v1/forecast');
    const env = Object.fromEntries(spec(pod).containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env.BASE_URL).toBe(`http://${findObject(defaults, 'Service').metadata.name}:80`);
  });
});

describe('values.schema.json', () => {
  it('takes the model name and version in the service\'s own grammar (src/common/names.ts)', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8'));
    expect(schema.properties.model.properties.name.pattern).toBe(MODEL_NAME_PATTERN.source);
    expect(schema.properties.model.properties.version.pattern).toBe(VERSION_SELECTOR_PATTERN.source);
    expect(valuesErrors({ model: { version: `a${'b'.repeat(63)}` } })).not.toEqual([]);
  });

  it('accepts the chart defaults, every flag on and the pipeline values', () => {
    expect(valuesErrors()).toEqual([]);
    expect(valuesErrors(allFlagsOn)).toEqual([]);
    expect(valuesErrors(pipelineValues)).toEqual([]);
    expect(valuesErrors({ model: { version: '12' } })).toEqual([]);
    expect(valuesErrors({ model: { version: 'best:mase' } })).toEqual([]);
    expect(valuesErrors({ podDisruptionBudget: { minAvailable: '50%' } })).toEqual([]);
  });

  it.each([
    ['an unknown top-level key', { replicas: 3 }],
    ['an unknown nested key', { image: { registy: 'x.azurecr.io' } }],
    ['a misspelt flag', { monitoring: { serviceMonitor: { enable: true } } }],
    ['a string where a number belongs', { replicaCount: 'two' }],
    ['a string where a boolean belongs', { autoscaling: { enabled: 'yes' } }],
    ['a monitoring API group that is neither operator nor AKS', { monitoring: { apiGroup: 'monitoring.example.com' } }],
    ['a client id that is not a GUID', { workloadIdentity: { clientId: 'my-identity' } }],
    ['a model version selector of the wrong form', { model: { version: 'best:' } }],
    ['a registry URL that is neither file: nor https:', { model: { registryUrl: 'http://insecure' } }],
    ['a non-numeric drain delay', { shutdown: { drainDelayMs: '5s' } }],
    ['a lower-case env var name', { env: { log_level: 'debug' } }],
  ])('rejects %s', (_name, override) => {
    expect(valuesErrors(override)).not.toEqual([]);
  });
});
