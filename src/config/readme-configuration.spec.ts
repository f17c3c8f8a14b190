import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppEnv } from './app-env';

interface Documented {
  name: string;
  /** The default as the README writes it in backticks; undefined for "unset". */
  default: string | undefined;
}

const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** The rows of README.md's configuration table; a row may name several variables with one default each. */
function documentedVariables(readme: string): Documented[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Configuration\n'));
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const lines = section.split('\n');
  const header = lines.findIndex((line) => /^\| Variable \| Default \|/.test(line));
  if (header < 0) throw new Error('the Configuration section has no "| Variable | Default |" table');
  const rows = lines.slice(header + 2).filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')));
  return rows.flatMap((row) => {
    const [names, defaults] = row.split('|').slice(1, 3).map(codeSpans);
    if (defaults.length !== 0 && defaults.length !== names.length) throw new Error(`README row ${row}: one default per variable, or none`);
    return names.map((name, i) => ({ name, default: defaults[i] }));
  });
}

// Read by the OpenTelemetry SDK, whose own documentation declares them; the service only passes them through.
const LIBRARY_VARIABLES = /^OTEL_/;

describe("README's configuration table", () => {
  const documented = documentedVariables(readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8'));
  const declared = new AppEnv() as unknown as Record<string, unknown>;
  const byName = new Map(documented.map((d) => [d.name, d]));

  it('lists every variable the service reads', () => {
    expect(Object.keys(declared).filter((name) => !byName.has(name))).toEqual([]);
  });

  it('lists only variables the service reads, each once', () => {
    expect(documented.filter((d) => !(d.name in declared) && !LIBRARY_VARIABLES.test(d.name)).map((d) => d.name)).toEqual([]);
    expect(documented.length).toBe(byName.size);
  });

  it('gives each variable its declared default', () => {
    const shown = (value: unknown): string | undefined => (value === undefined ? undefined : String(value).replace(os.tmpdir(), '<os tmpdir>'));
    const differing = Object.entries(declared)
      .filter(([name, value]) => byName.has(name) && byName.get(name)?.default !== shown(value))
      .map(([name, value]) => `${name}: README ${byName.get(name)?.default ?? 'unset'}, declared ${shown(value) ?? 'unset'}`);
    expect(differing).toEqual([]);
  });
});
