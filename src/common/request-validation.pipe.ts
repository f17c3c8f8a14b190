import { ArgumentMetadata, Injectable, Type, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationError } from 'class-validator';
import { bodyShapeViolation } from './body-shape';
import { DtoFastCheck } from './dto-fast-check';
import { MAX_REPORTED_VIOLATIONS, RequestInvalidError } from './request-invalid.error';
import { schemaPrecheck } from './schema-precheck';
import { toViolations } from './validation-violations';

const fastChecks = new Map<Type<unknown>, DtoFastCheck>();

/**
 * Lets a hot endpoint's DTO skip class-transformer and class-validator for bodies a check derived from it
 * (dtoFastCheck) proves valid; on false, the DTO decides. Its schema also finds unknown properties cheaply.
 */
export function registerFastCheck(dto: Type<unknown>, check: DtoFastCheck): void {
  fastChecks.set(dto, check);
}

/** Elements of a top-level array of nested DTOs validated at once; between chunks the event loop runs. */
export const VALIDATION_CHUNK = 100;

/** Carries class-validator's error tree out of ValidationPipe, so chunks can be merged before reporting. */
class ValidationFailed {
  constructor(readonly errors: ValidationError[]) {}
}

function nestedArrayProperties(dto: Type<unknown>): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .filter((m) => m.type === 'nestedValidation' && m.each)
    .map((m) => m.propertyName);
}

// A chunk's element errors are named by their index in the chunk; renumber them to the index in the body, and
// let per-element rules (which name indices from the value) see the whole array.
function shiftIndices(errors: ValidationError[], property: string, offset: number, elements: unknown[]): ValidationError[] {
  for (const error of errors) {
    if (error.property !== property) continue;
    error.value = elements;
    for (const child of error.children ?? []) if (/^\d+$/.test(child.property)) child.property = String(Number(child.property) + offset);
  }
  return errors;
}

/**
 * Structural validation of request bodies against the DTOs. No implicit conversion: "12" is not a number and
 * null is not a quantity. Unknown properties are rejected; every offending field is reported at once, up to
 * MAX_REPORTED_VIOLATIONS. Work per request is linear in the body and the event loop is yielded between chunks,
 * so no hostile body within the size limit holds the process (5,000 bad actuals took 26-36 s before).
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  private readonly chunked = new Map<Type<unknown>, string[]>();

  constructor() {
    super({
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new ValidationFailed(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body' || !metadata.metatype) return this.validateAll(value, metadata);
    // An array, string or missing body would otherwise be reported property by property as if it were an object.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new RequestInvalidError([{ field: 'body', rule: 'must be a JSON object' }]);
    }
    const fastCheck = fastChecks.get(metadata.metatype);
    if (fastCheck?.isValid(value)) return value;
    // Before class-transformer, which recurses (a 10,000-deep body overflowed the stack: a 500).
    const shape = bodyShapeViolation(value);
    if (shape) throw new RequestInvalidError([shape]);
    if (fastCheck) {
      const { unknown, oversized } = schemaPrecheck(value, fastCheck.schema);
      if (oversized.length > 0) throw new RequestInvalidError(oversized);
      if (unknown.length > MAX_REPORTED_VIOLATIONS) throw new RequestInvalidError(unknown);
    }
    await this.validateInChunks(value as Record<string, unknown>, metadata);
    return this.validateAll(value, metadata);
  }

  private async validateAll(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof ValidationFailed) throw new RequestInvalidError(toViolations(error.errors));
      throw error;
    }
  }

  // Long arrays of nested DTOs are validated a chunk at a time, and validation stops once enough violations are
  // known to fill the answer. A body that passes every chunk is then transformed whole by validateAll.
  private async validateInChunks(body: Record<string, unknown>, metadata: ArgumentMetadata): Promise<void> {
    const dto = metadata.metatype as Type<unknown>;
    let properties = this.chunked.get(dto);
    if (!properties) this.chunked.set(dto, (properties = nestedArrayProperties(dto)));
    const property = properties.find((p) => Array.isArray(body[p]) && (body[p] as unknown[]).length > VALIDATION_CHUNK);
    if (property === undefined) return;
    const elements = body[property] as unknown[];
    const errors: ValidationError[] = [];
    let found = 0;
    for (let offset = 0; offset < elements.length && found <= MAX_REPORTED_VIOLATIONS; offset += VALIDATION_CHUNK) {
      if (offset > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = { ...body, [property]: elements.slice(offset, offset + VALIDATION_CHUNK) };
      try {
        await super.transform(chunk, metadata);
      } catch (error) {
        if (!(error instanceof ValidationFailed)) throw error;
        // Errors outside the array (a bad horizon) repeat in every chunk; keep them from the first only.
        const kept = offset === 0 ? error.errors : error.errors.filter((e) => e.property === property);
        errors.push(...shiftIndices(kept, property, offset, elements));
        found = toViolations(errors).length;
      }
    }
    if (errors.length > 0) throw new RequestInvalidError(toViolations(mergeByProperty(errors)));
  }
}

// Chunks each report the array property once; one error per property keeps the violations in body order.
function mergeByProperty(errors: ValidationError[]): ValidationError[] {
  const merged = new Map<string, ValidationError>();
  for (const error of errors) {
    const first = merged.get(error.property);
    if (!first) merged.set(error.property, error);
    else first.children = [...(first.children ?? []), ...(error.children ?? [])];
  }
  return [...merged.values()];
}
