import { findObject, KubernetesObject, kustomize, renderChart } from './support/chart-renderer';
import { validateKubernetesObjects } from './support/kubernetes-validator';
import { podSpecOf, restrictedViolations } from './support/pod-security-restricted';

/* eslint-disable @typescript-eslint/no-explicit-any */
const helmOnlyLabels = ['helm.sh/chart', 'app.kubernetes.io/managed-by'];

function withoutHelmLabels(o: KubernetesObject): KubernetesObject {
  const copy = structuredClone(o);
  for (const label of helmOnlyLabels) delete copy.metadata.labels?.[label];
  return copy;
}

const key = (o: KubernetesObject) => `${o.kind}/${o.metadata.name}`;

describe.each(['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/prod'])('kubectl kustomize %s', (dir) => {
  let objects: KubernetesObject[];
  beforeAll(() => {
    objects = kustomize(dir);
  });

  it('builds objects valid against the Kubernetes schemas, unknown fields rejected', () => {
    expect(objects.length).toBeGreaterThanOrEqual(6);
    expect(validateKubernetesObjects(objects)).toEqual([]);
  });

  it('builds pods meeting the restricted Pod Security Standard', () => {
    const pods = objects.filter((o) => podSpecOf(o));
    expect(pods).toHaveLength(1);
    expect(restrictedViolations(podSpecOf(pods[0])!)).toEqual([]);
  });
});

describe('k8s/ plain manifests', () => {
  it('base is the chart rendered with default values, less Helm labels and the helm test pod', () => {
    const chart = renderChart()
      .filter((o) => !o.metadata.annotations?.['helm.sh/hook'])
      .map(withoutHelmLabels);
    const base = kustomize('k8s/base');
    expect(base.map(key).sort()).toEqual(chart.map(key).sort());
    for (const object of base) expect(object).toEqual(chart.find((c) => key(c) === key(object)));
  });

  it('prod reads models from Blob Storage with workload identity and keeps three replicas', () => {
    const prod = kustomize('k8s/overlays/prod');
    const deployment = findObject(prod, 'Deployment') as any;
    expect(deployment.metadata.namespace).toBe('demand-forecast');
    const env = Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env.MODEL_REGISTRY_URL).toMatch(/^https:\/\/.+\.blob\.core\.windows\.net\//);
    expect(deployment.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect((findObject(prod, 'HorizontalPodAutoscaler') as any).spec.minReplicas).toBe(3);
    expect(findObject(prod, 'ServiceAccount').metadata.annotations?.['azure.workload.identity/client-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('dev serves the model embedded in the image in its own namespace', () => {
    const dev = kustomize('k8s/overlays/dev');
    const deployment = findObject(dev, 'Deployment') as any;
    expect(deployment.metadata.namespace).toBe('demand-forecast-dev');
    const env = Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env.MODEL_REGISTRY_URL).toBe('file:/app/registry');
    expect(deployment.spec.template.spec.containers[0].image).toBe('demandforecastdev.azurecr.io/demand-forecast:latest');
  });
});
