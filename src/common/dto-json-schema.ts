import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer exports its @Type() registry only from this module; it is the one record of nested classes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

export type JsonSchema = Record<string, unknown>;
type Dto = abstract new (...args: never[]) => unknown;

const constraintSchemas = new Map<string, JsonSchema>();

/**
 * Declares the JSON Schema of a custom class-validator constraint (by its ValidatorConstraint name), so DTOs that
 * use it can be derived. Declared beside the constraint, from the same constants, so the two cannot drift apart.
 */
export function registerConstraintSchema(constraintName: string, schema: JsonSchema): void {
  constraintSchemas.set(constraintName, schema);
}

// class-validator's built-in decorators by their metadata name. Anything not listed here makes derivation throw,
// so a new rule on a DTO cannot silently be missing from the derived schema.
function builtInSchema(meta: ValidationMetadata): JsonSchema | undefined {
  const [a, b] = (meta.constraints ?? []) as unknown[];
  switch (meta.name) {
    case 'isString':
      return { type: 'string' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isObject':
      return { type: 'object' };
    case 'isArray':
      return { type: 'array' };
    case 'arrayNotEmpty':
      return { type: 'array', minItems: 1 };
    case 'arrayMaxSize':
      return { type: 'array', maxItems: a };
    case 'min':
      return { type: 'number', minimum: a };
    case 'max':
      return { type: 'number', maximum: a };
    case 'isLength':
      return { type: 'string', minLength: a, ...(b === undefined ? {} : { maxLength: b }) };
    case 'matches':
      return { type: 'string', pattern: (a as RegExp).source };
    default:
      return undefined;
  }
}

function ruleSchema(dto: Dto, meta: ValidationMetadata): JsonSchema {
  const where = `${dto.name}.${meta.propertyName}`;
  if (meta.each) throw new Error(`${where}: "each" rules are not derivable; declare an element constraint instead`);
  if (meta.constraintCls && meta.name === undefined) {
    const name = getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)[0]?.name;
    const schema = name === undefined ? undefined : constraintSchemas.get(name);
    if (!schema) throw new Error(`${where}: constraint ${name ?? meta.constraintCls.name} has no registered JSON Schema`);
    return schema;
  }
  const schema = builtInSchema(meta);
  if (!schema) throw new Error(`${where}: rule ${meta.name ?? meta.type} has no JSON Schema mapping`);
  return schema;
}

// "type" of several rules on one property agree or are number/integer; the narrower one wins.
function merge(into: JsonSchema, part: JsonSchema, where: string): void {
  for (const [key, value] of Object.entries(structuredClone(part))) {
    const current = into[key];
    if (current === undefined || current === value) into[key] = value;
    else if (key === 'type' && [current, value].includes('integer') && [current, value].includes('number')) into.type = 'integer';
    else if (key === 'items' || key === 'additionalProperties') merge(current as JsonSchema, value as JsonSchema, where);
    else throw new Error(`${where}: conflicting "${key}" (${JSON.stringify(current)} and ${JSON.stringify(value)})`);
  }
}

function nestedType(dto: Dto, property: string): Dto {
  const type = defaultMetadataStorage.findTypeMetadata(dto as never, property)?.typeFunction() as Dto | undefined;
  if (!type) throw new Error(`${dto.name}.${property}: @ValidateNested needs @Type(() => Class)`);
  return type;
}

/**
 * The JSON Schema that accepts exactly the bodies a class-validator DTO accepts under the service's validation
 * options (whitelist + forbidNonWhitelisted: no unknown properties; no implicit conversion). A property with
 * @ValidateIf is optional (the DTOs use it only as "validated when present"); every other one is required.
 * Derived from the decorators' metadata, so the DTO stays the one declaration of the request.
 */
export function dtoJsonSchema(dto: Dto): JsonSchema {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto as never, '', true, false);
  if (metas.length === 0) throw new Error(`${dto.name} has no validation rules to derive a schema from`);
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const meta of metas) {
    const property = meta.propertyName;
    const schema = (properties[property] ??= {});
    const where = `${dto.name}.${property}`;
    if (meta.type === 'conditionalValidation') optional.add(property);
    else if (meta.type === 'nestedValidation') {
      const nested = dtoJsonSchema(nestedType(dto, property));
      merge(schema, meta.each ? { type: 'array', items: nested } : nested, where);
    } else merge(schema, ruleSchema(dto, meta), where);
  }
  const names = Object.keys(properties);
  return {
    type: 'object',
    properties,
    required: names.filter((name) => !optional.has(name)),
    additionalProperties: false,
  };
}
