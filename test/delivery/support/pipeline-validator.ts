import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, parse as parseYaml, TextDocument } from 'azure-pipelines-language-service';
import { repoRoot } from './commands';

const schemaFile = path.join(repoRoot, 'vendor/azure-pipelines-schema/service-schema.json');

/* eslint-disable @typescript-eslint/no-explicit-any */
function taskEntry(name: string, description: string, inputs: Record<string, object>, required: string[] = []): any {
  return {
    properties: {
      task: { description, ignoreCase: 'value', pattern: `^${name.replace('.', '\\.')}$` },
      inputs: { description: `${description} inputs`, properties: inputs, additionalProperties: false, required },
    },
    firstProperty: ['task'],
  };
}

const str = (description: string) => ({ type: 'string', description, ignoreCase: 'key' });
const bool = (description: string) => ({ type: 'boolean', description, ignoreCase: 'key' });

/**
 * Microsoft's schema with the gaps listed in vendor/azure-pipelines-schema/SOURCE.md patched in memory:
 * UseNode@1 and PublishCodeCoverageResults@2 get their documented inputs; HelmDeploy's ACR inputs that only
 * its `save` command needs stop being required.
 */
export function patchedSchema(): any {
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  const tasks: any[] = schema.definitions.task.anyOf;
  const template = tasks.find((t) => t.properties?.task?.pattern === '^Cache@2$');
  const base = { ...template, properties: { ...template.properties } };
  delete base.properties.task;
  delete base.properties.inputs;
  const add = (entry: any) => tasks.push({ ...base, ...entry, properties: { ...base.properties, ...entry.properties } });
  add(taskEntry('UseNode@1', 'Use Node.js ecosystem', {
    version: str('Version'), checkLatest: bool('Check for latest version'), force32bit: bool('Use 32 bit version on x64 agents'),
    retryCountOnDownloadFails: str('Retry count'), delayBetweenRetries: str('Delay between retries'),
  }));
  add(taskEntry('PublishCodeCoverageResults@2', 'Publish code coverage results', {
    summaryFileLocation: str('Path to summary files'), pathToSources: str('Path to source files'),
    failIfCoverageEmpty: bool('Fail if code coverage results are missing'),
  }, ['summaryFileLocation']));
  for (const t of tasks) {
    if (/^\^HelmDeploy@[01]\$$/.test(t.properties?.task?.pattern ?? '')) {
      const inputs = t.properties.inputs;
      inputs.required = (inputs.required ?? []).filter(
        (r: string) => !['azureSubscriptionForACR', 'azureResourceGroupForACR', 'azureContainerRegistry'].includes(r),
      );
    }
  }
  return schema;
}

/** Every diagnostic (error, warning or hint) the Azure Pipelines language service reports for the text. */
export async function pipelineDiagnostics(text: string, schema: unknown = patchedSchema()): Promise<string[]> {
  const uri = 'file:///azure-pipelines.yml';
  const schemaUri = 'file:///azure-pipelines-schema.json';
  const service = getLanguageService(
    async (requested: string) => {
      if (requested === schemaUri) return schema as any;
      throw new Error(`unexpected schema request ${requested}`);
    },
    [],
    async () => schemaUri,
  );
  service.configure({ validate: true, schemas: [{ uri: schemaUri, fileMatch: ['*'], schema }] });
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const diagnostics = await service.doValidation(document, parseYaml(text));
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
}
