import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import Ajv from 'ajv';
import type { KubernetesObject } from './chart-renderer';
import { monitoringSchemas } from './monitoring-schemas';
import { repoRoot } from './commands';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

function modelModule(apiVersion: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
}

function describe(o: KubernetesObject): string {
  return `${o.kind}/${o.metadata?.name ?? '?'}`;
}

const monitoringGroups = ['monitoring.coreos.com', 'azmonitoring.coreos.com'];
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const monitoringValidators = Object.fromEntries(
  Object.entries(monitoringSchemas).map(([kind, schema]) => [kind, ajv.compile(schema)]),
);

/**
 * Validates Kubernetes objects against the API's OpenAPI schemas and rejects unknown fields.
 * kubernetes-models' validate() checks types, enums and required fields but lets unknown fields through
 * (its ajv validators were generated without additionalProperties:false), so every object is also
 * type-checked against kubernetes-models' generated TypeScript interfaces, whose excess-property check
 * rejects any field the API does not define. The Prometheus Operator kinds are checked by strict schemas.
 */
export function validateKubernetesObjects(objects: KubernetesObject[]): string[] {
  const problems: string[] = [];
  const typed: { object: KubernetesObject; module: string }[] = [];
  for (const object of objects) {
    const group = object.apiVersion?.split('/')[0];
    if (monitoringGroups.includes(group) && object.kind in monitoringValidators) {
      const validate = monitoringValidators[object.kind];
      if (!validate(object)) problems.push(`${describe(object)}: ${ajv.errorsText(validate.errors)}`);
      continue;
    }
    const module = modelModule(object.apiVersion);
    let Model: ModelClass | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Model = (require(module) as Record<string, ModelClass>)[object.kind];
    } catch {
      Model = undefined;
    }
    if (!Model) {
      problems.push(`${describe(object)}: unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (err) {
      problems.push(`${describe(object)}: ${(err as Error).message}`);
    }
    typed.push({ object, module });
  }
  return problems.concat(checkUnknownFields(typed));
}

function checkUnknownFields(items: { object: KubernetesObject; module: string }[]): string[] {
  if (items.length === 0) return [];
  const lines: string[] = [];
  const owners: { from: number; to: number; label: string }[] = [];
  items.forEach(({ object, module }, i) => {
    lines.push(`import type { I${object.kind} as T${i} } from '${module}/${object.kind}';`);
  });
  items.forEach(({ object }, i) => {
    const body = JSON.stringify(object, null, 1).split('\n');
    owners.push({ from: lines.length, to: lines.length + body.length, label: describe(object) });
    body[0] = `export const o${i}: T${i} = ${body[0]}`;
    body[body.length - 1] += ';';
    lines.push(...body);
  });
  // A virtual file inside the repository, so that kubernetes-models resolves from its node_modules.
  const fileName = path.join(repoRoot, 'test/delivery/support/__kubernetes-objects__.ts');
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, languageVersion) : getSourceFile(name, languageVersion, ...rest);
  host.fileExists = ((exists) => (name: string) => name === fileName || exists(name))(host.fileExists.bind(host));
  const program = ts.createProgram([fileName], options, host);
  const file = program.getSourceFile(fileName)!;
  return ts.getPreEmitDiagnostics(program, file).map((d) => {
    const line = d.start === undefined ? -1 : file.getLineAndCharacterOfPosition(d.start).line;
    const owner = owners.find((o) => line >= o.from && line < o.to);
    const near = line >= 0 ? lines[line].trim() : '';
    return `${owner?.label ?? 'objects'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')} (near ${near})`;
  });
}

export function writeForDebugging(objects: KubernetesObject[], file: string): void {
  fs.writeFileSync(file, JSON.stringify(objects, null, 2));
}
