import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { chartDir, findObject, renderChart } from './support/chart-renderer';
import { allFlagsOn } from './support/chart-values';
import { isOnPath, repoRoot, run } from './support/commands';

const copies = [
  { canonical: 'monitoring/prometheus/rules.yml', copy: 'files/prometheus-rules.yml' },
  { canonical: 'monitoring/grafana/demand-forecast-dashboard.json', copy: 'files/grafana-dashboard.json' },
];

function promtoolCheckRules(file: string): void {
  // A missing promtool fails the check: it is installed by the Debian package `prometheus`.
  if (!isOnPath('promtool')) throw new Error('promtool is not on PATH: apt-get install -y prometheus');
  const result = run('promtool', ['check', 'rules', file], { allowFailure: true });
  if (result.status !== 0) throw new Error(`promtool check rules ${file} failed:\n${result.stdout}${result.stderr}`);
}

describe('monitoring files shipped by the chart', () => {
  it('the chart rule file passes promtool check rules', () => {
    promtoolCheckRules(path.join(chartDir, 'files/prometheus-rules.yml'));
  });

  it('the rendered PrometheusRule passes promtool check rules', () => {
    const rule = findObject(renderChart([allFlagsOn]), 'PrometheusRule') as unknown as { spec: { groups: unknown[] } };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-'));
    try {
      const file = path.join(dir, 'rules.yml');
      fs.writeFileSync(file, stringify({ groups: rule.spec.groups }));
      promtoolCheckRules(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('promtool rejects a broken rule (the check is real)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-'));
    try {
      const file = path.join(dir, 'bad.yml');
      fs.writeFileSync(file, 'groups:\n  - name: bad\n    rules:\n      - alert: Broken\n        expr: sum(rate(x[5m]) by\n');
      expect(() => promtoolCheckRules(file)).toThrow(/failed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the chart dashboard is Grafana dashboard JSON', () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(chartDir, 'files/grafana-dashboard.json'), 'utf8'));
    expect(dashboard).toEqual(expect.objectContaining({ title: expect.any(String), panels: expect.any(Array) }));
  });

  // No skip when the canonical file is missing: the copies must come from it (scripts/delivery/sync-chart-files.sh).
  it.each(copies)('helm/demand-forecast/$copy is an up-to-date copy of $canonical', ({ canonical, copy }) => {
    const source = path.join(repoRoot, canonical);
    expect({ file: canonical, exists: fs.existsSync(source) }).toEqual({ file: canonical, exists: true });
    const same = fs.readFileSync(source, 'utf8') === fs.readFileSync(path.join(chartDir, copy), 'utf8');
    if (!same) throw new Error(`helm/demand-forecast/${copy} differs from ${canonical}: run scripts/delivery/sync-chart-files.sh`);
  });
});
