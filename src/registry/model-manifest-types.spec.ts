import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import schema from './model-manifest.schema.json';

// The manifest is declared twice in two syntaxes, the JSON Schema every manifest is validated against and the
// TypeScript type the code reads it as. This spec generates a type from the schema and has the compiler check
// that each is assignable to the other, so neither can gain, lose or retype a field alone.
const MANIFEST_TYPE = path.resolve(__dirname, 'model-manifest.ts').replace(/\.ts$/, '');

// json-schema-to-typescript, in a node process of its own: it loads prettier, whose dynamic import jest's module
// system cannot run.
const GENERATE = `
const { compile } = require('json-schema-to-typescript');
let text = '';
process.stdin.on('data', (d) => (text += d)).on('end', () =>
  compile(JSON.parse(text), 'SchemaManifest', {
    bannerComment: '', format: false, additionalProperties: false, ignoreMinAndMaxItems: true, strictIndexSignatures: false, unknownAny: true,
  }).then((ts) => process.stdout.write(ts)));
`;

function generatedType(document: object): string {
  return execFileSync(process.execPath, ['-e', GENERATE], { input: JSON.stringify(document), cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8' });
}

async function typeErrors(document: object): Promise<string[]> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'manifest-types-'));
  try {
    // Array bounds are the validator's business (ignoreMinAndMaxItems): the code's arrays are plain arrays.
    const generated = generatedType(document);
    const rootName = /^export (?:interface|type) (\w+)/m.exec(generated)![1];
    await fs.writeFile(path.join(folder, 'schema-manifest.ts'), generated);
    await fs.writeFile(
      path.join(folder, 'check.ts'),
      [
        `import type { ModelManifest } from ${JSON.stringify(MANIFEST_TYPE)};`,
        `import type { ${rootName} as SchemaManifest } from './schema-manifest';`,
        'export const schemaToCode = (m: SchemaManifest): ModelManifest => m;',
        'export const codeToSchema = (m: ModelManifest): SchemaManifest => m;',
      ].join('\n'),
    );
    const program = ts.createProgram([path.join(folder, 'check.ts')], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      resolveJsonModule: true,
      esModuleInterop: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

describe('the ModelManifest type and model-manifest.schema.json', () => {
  jest.setTimeout(60_000);

  it('describe the same manifest: each is assignable to the other', async () => {
    expect(await typeErrors(schema)).toEqual([]);
  });

  it('disagree, and say where, when the schema drops a field the code reads', async () => {
    const changed = structuredClone(schema) as { properties: Record<string, unknown>; required: string[] };
    delete changed.properties.maxHorizon;
    changed.required = changed.required.filter((name) => name !== 'maxHorizon');
    const errors = await typeErrors(changed);
    expect(errors.join('\n')).toContain('maxHorizon');
  });
});
