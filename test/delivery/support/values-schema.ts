import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { chartDir } from './chart-renderer';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8')));

export const defaultValues: Record<string, unknown> = parse(fs.readFileSync(path.join(chartDir, 'values.yaml'), 'utf8'));

/** Deep-merges overrides onto the chart's defaults the way Helm merges -f files (maps merge, the rest replaces). */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (isMap(base) && isMap(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(override)) out[k] = mergeValues(base[k], v);
    return out;
  }
  return override === undefined ? base : override;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema errors of the chart's values with these overrides, as Helm would check them; empty when valid. */
export function valuesErrors(override: object = {}): string[] {
  return validate(mergeValues(defaultValues, override))
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : ''}`);
}
