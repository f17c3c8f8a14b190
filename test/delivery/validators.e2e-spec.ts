import type { KubernetesObject } from './support/chart-renderer';
import { validateKubernetesObjects } from './support/kubernetes-validator';
import { restrictedViolations } from './support/pod-security-restricted';

// The checks the chart and kustomize suites rely on must themselves catch what they claim to catch.

/* eslint-disable @typescript-eslint/no-explicit-any */
const securePod = (): any => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{
    name: 'api',
    image: 'x',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  }],
  volumes: [{ name: 'tmp', emptyDir: {} }],
});

const deployment = (podSpec: any): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: podSpec } },
});

describe('Kubernetes object validator', () => {
  it('accepts a valid Deployment', () => {
    expect(validateKubernetesObjects([deployment(securePod())])).toEqual([]);
  });

  it.each([
    ['an unknown container field', (p: any) => { p.containers[0].imagePolicy = 'Always'; }, /imagePolicy/],
    ['an unknown field deep in the pod', (p: any) => { p.securityContext.seccompProfile.kind = 'RuntimeDefault'; }, /kind/],
    ['a string where an integer belongs', (p: any) => { p.terminationGracePeriodSeconds = '30'; }, /terminationGracePeriodSeconds|string/],
    ['a missing required field', (p: any) => { delete p.containers[0].name; }, /name/],
  ])('rejects %s', (_name, mutate, message) => {
    const pod = securePod();
    mutate(pod);
    const problems = validateKubernetesObjects([deployment(pod)]);
    expect(problems.join('\n')).toMatch(message);
  });

  it('rejects an unknown kind and a misspelt ServiceMonitor field', () => {
    expect(validateKubernetesObjects([{ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } }])).not.toEqual([]);
    const sm = {
      apiVersion: 'azmonitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'x' },
      spec: { selector: { matchLabels: {} }, endpoints: [{ port: 'metrics', intervall: '30s' }] },
    };
    expect(validateKubernetesObjects([sm]).join()).toMatch(/intervall|additional/);
  });
});

describe('restricted Pod Security Standard checker', () => {
  it('passes a compliant pod', () => {
    expect(restrictedViolations(securePod())).toEqual([]);
  });

  it.each([
    ['runAsNonRoot missing', (p: any) => { delete p.securityContext.runAsNonRoot; }, /runAsNonRoot/],
    ['privilege escalation allowed', (p: any) => { p.containers[0].securityContext.allowPrivilegeEscalation = true; }, /allowPrivilegeEscalation/],
    ['capabilities not dropped', (p: any) => { p.containers[0].securityContext.capabilities = {}; }, /drop ALL/],
    ['an added capability', (p: any) => { p.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; }, /SYS_ADMIN/],
    ['no seccomp profile', (p: any) => { delete p.securityContext.seccompProfile; }, /seccompProfile/],
    ['an Unconfined seccomp profile', (p: any) => { p.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }; }, /seccompProfile/],
    ['a privileged container', (p: any) => { p.containers[0].securityContext.privileged = true; }, /privileged/],
    ['the host network', (p: any) => { p.hostNetwork = true; }, /hostNetwork/],
    ['a hostPath volume', (p: any) => { p.volumes.push({ name: 'h', hostPath: { path: '/' } }); }, /hostPath/],
    ['a disallowed volume type', (p: any) => { p.volumes.push({ name: 'n', nfs: { server: 's', path: '/' } }); }, /nfs/],
    ['a host port', (p: any) => { p.containers[0].ports = [{ containerPort: 80, hostPort: 80 }]; }, /hostPort/],
    ['root user', (p: any) => { p.containers[0].securityContext.runAsUser = 0; }, /runAsUser/],
    ['an init container without the settings', (p: any) => { p.initContainers = [{ name: 'init', image: 'x' }]; }, /container init/],
  ])('flags %s', (_name, mutate, message) => {
    const pod = securePod();
    mutate(pod);
    expect(restrictedViolations(pod).join('\n')).toMatch(message);
  });
});
