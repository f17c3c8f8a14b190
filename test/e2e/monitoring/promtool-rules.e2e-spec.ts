import { execFileSync } from 'node:child_process';

// Runs the rule files through the real promtool; a missing promtool fails the suite (CI installs it).
function promtool(...args: string[]): string {
  return execFileSync('promtool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('Prometheus rule files', () => {
  it('pass promtool check rules', () => {
    expect(promtool('check', 'rules', 'monitoring/prometheus/rules.yml')).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('pass the promtool rule unit tests for every recording rule and alert', () => {
    const output = promtool(
      'test',
      'rules',
      'monitoring/prometheus/rules.test.yml',
      'monitoring/prometheus/rules-stale.test.yml',
    );
    expect(output).not.toMatch(/FAILED/);
    expect(output.match(/SUCCESS/g)?.length).toBe(2);
  });
});
