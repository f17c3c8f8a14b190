import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { isOnPath, repoRoot, run } from './commands';

export const chartDir = path.join(repoRoot, 'helm/demand-forecast');

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/**
 * Renders the chart with real `helm template` when helm is on PATH, otherwise with the program named by
 * HELM_TEMPLATE (the offline stand-in takes `CHART RELEASE NAMESPACE [VALUES...]`).
 */
export function renderChart(values: object[] = [], release = 'demand-forecast', namespace = 'demand-forecast'): KubernetesObject[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-render-'));
  try {
    const valueFiles = values.map((v, i) => {
      const file = path.join(work, `values-${i}.yaml`);
      fs.writeFileSync(file, stringify(v));
      return file;
    });
    const helmTemplate = process.env.HELM_TEMPLATE ?? 'helm';
    let stdout: string;
    if (isOnPath('helm') && (helmTemplate === 'helm' || !fs.existsSync(helmTemplate))) {
      const args = ['template', release, chartDir, '--namespace', namespace];
      for (const f of valueFiles) args.push('-f', f);
      stdout = run('helm', args).stdout;
    } else {
      if (helmTemplate === 'helm') {
        throw new Error('helm is not on PATH: install helm or set HELM_TEMPLATE to ../shared/tools/helm-template/helm-template');
      }
      const chartCopy = withFilesShim(work);
      stdout = run(path.resolve(repoRoot, helmTemplate), [chartCopy, release, namespace, path.join(chartCopy, 'files-values.yaml'), ...valueFiles]).stdout;
    }
    return parseManifests(stdout);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// The stand-in renderer has no .Files object: hand it the chart's files/ as a value and point `$.Files.Get`
// at that value in a copy of the chart, so the templates themselves stay plain Helm.
function withFilesShim(work: string): string {
  const copy = path.join(work, 'chart');
  fs.cpSync(chartDir, copy, { recursive: true });
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(path.join(chartDir, 'files'))) {
    files[`files/${name}`] = fs.readFileSync(path.join(chartDir, 'files', name), 'utf8');
  }
  fs.writeFileSync(path.join(copy, 'files-values.yaml'), stringify({ __chartFiles: files }));
  const templates = path.join(copy, 'templates');
  for (const name of fs.readdirSync(templates)) {
    const file = path.join(templates, name);
    const text = fs.readFileSync(file, 'utf8');
    if (/\.Files\.(?!Get ")/.test(text)) throw new Error(`${name}: only $.Files.Get "<path>" is shimmed for the stand-in`);
    fs.writeFileSync(file, text.replace(/\$\.Files\.Get ("[^"]+")/g, '(index $.Values.__chartFiles $1)'));
  }
  return copy;
}

export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`rendered YAML does not parse: ${doc.errors[0].message}`);
      return doc.toJS() as KubernetesObject | null;
    })
    .filter((o): o is KubernetesObject => o !== null && typeof o === 'object');
}

export function kustomize(dir: string): KubernetesObject[] {
  return parseManifests(run('kubectl', ['kustomize', path.join(repoRoot, dir)]).stdout);
}

export function findObject(objects: KubernetesObject[], kind: string, name?: string): KubernetesObject {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind}${name ? ` ${name}` : ''} among ${objects.map((o) => o.kind).join(', ')}`);
  return found;
}
