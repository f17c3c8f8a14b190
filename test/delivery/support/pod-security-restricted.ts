import type { KubernetesObject } from './chart-renderer';

// The Kubernetes "restricted" Pod Security Standard (which includes "baseline"), as the rules of
// https://kubernetes.io/docs/concepts/security/pod-security-standards/ state them for pod specs.
const allowedVolumeTypes = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const safeSysctls = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const allowedSeLinuxTypes = [undefined, '', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

/* eslint-disable @typescript-eslint/no-explicit-any */
type Spec = Record<string, any>;

export function podSpecOf(object: KubernetesObject): Spec | undefined {
  const spec = object.spec as Spec | undefined;
  if (object.kind === 'Pod') return spec;
  if (object.kind === 'CronJob') return spec?.jobTemplate?.spec?.template?.spec;
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(object.kind)) return spec?.template?.spec;
  return undefined;
}

/** The violations of the restricted profile in one pod spec; empty when it complies. */
export function restrictedViolations(pod: Spec): string[] {
  const v: string[] = [];
  const psc: Spec = pod.securityContext ?? {};
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field]) v.push(`${field} must not be true`);
  for (const volume of pod.volumes ?? []) {
    const type = Object.keys(volume).find((k) => k !== 'name');
    if (volume.hostPath) v.push(`volume ${volume.name}: hostPath is not allowed`);
    else if (!type || !allowedVolumeTypes.includes(type)) v.push(`volume ${volume.name}: type ${type} is not allowed`);
  }
  for (const sysctl of psc.sysctls ?? []) if (!safeSysctls.includes(sysctl.name)) v.push(`sysctl ${sysctl.name} is not allowed`);
  checkSeLinux(psc.seLinuxOptions, 'pod', v);
  if (psc.windowsOptions?.hostProcess) v.push('pod: windowsOptions.hostProcess is not allowed');
  if (psc.appArmorProfile?.type === 'Unconfined') v.push('pod: appArmorProfile Unconfined is not allowed');
  if (psc.runAsUser === 0) v.push('pod: runAsUser must not be 0');
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp !== undefined && !['RuntimeDefault', 'Localhost'].includes(podSeccomp)) v.push(`pod: seccompProfile ${podSeccomp} is not allowed`);

  const containers: Spec[] = [...(pod.initContainers ?? []), ...(pod.containers ?? []), ...(pod.ephemeralContainers ?? [])];
  for (const c of containers) {
    const sc: Spec = c.securityContext ?? {};
    const who = `container ${c.name}`;
    if (sc.privileged) v.push(`${who}: privileged is not allowed`);
    if (sc.allowPrivilegeEscalation !== false) v.push(`${who}: allowPrivilegeEscalation must be false`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) v.push(`${who}: capabilities must drop ALL`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') v.push(`${who}: capability ${cap} may not be added`);
    if (!(sc.runAsNonRoot === true || (sc.runAsNonRoot === undefined && psc.runAsNonRoot === true))) v.push(`${who}: runAsNonRoot must be true`);
    if (sc.runAsUser === 0) v.push(`${who}: runAsUser must not be 0`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) v.push(`${who}: seccompProfile must be RuntimeDefault or Localhost`);
    if (sc.procMount && sc.procMount !== 'Default') v.push(`${who}: procMount must be Default`);
    if (sc.windowsOptions?.hostProcess) v.push(`${who}: windowsOptions.hostProcess is not allowed`);
    if (sc.appArmorProfile?.type === 'Unconfined') v.push(`${who}: appArmorProfile Unconfined is not allowed`);
    checkSeLinux(sc.seLinuxOptions, who, v);
    for (const port of c.ports ?? []) if (port.hostPort) v.push(`${who}: hostPort ${port.hostPort} is not allowed`);
  }
  return v;
}

function checkSeLinux(options: Spec | undefined, who: string, v: string[]): void {
  if (!options) return;
  if (!allowedSeLinuxTypes.includes(options.type)) v.push(`${who}: seLinuxOptions.type ${options.type} is not allowed`);
  if (options.user || options.role) v.push(`${who}: seLinuxOptions user/role must not be set`);
}
