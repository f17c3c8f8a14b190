import { ArgumentMetadata, Injectable, Type, ValidationPipe } from '@nestjs/common';
import { RequestInvalidError } from './request-invalid.error';
import { toViolations } from './validation-violations';

const fastChecks = new Map<Type<unknown>, (body: unknown) => boolean>();

/**
 * Lets a hot endpoint's DTO skip class-transformer and class-validator for bodies a hand-written check proves
 * valid. The check must accept nothing the DTO rejects (its spec compares the two); on false, the DTO decides.
 */
export function registerFastCheck(dto: Type<unknown>, isValid: (body: unknown) => boolean): void {
  fastChecks.set(dto, isValid);
}

/**
 * Structural validation of request bodies against the DTOs. No implicit conversion: "12" is not a number and
 * null is not a quantity. Unknown properties are rejected; every offending field is reported at once.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new RequestInvalidError(toViolations(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // An array, string or missing body would otherwise be reported property by property as if it were an object.
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new RequestInvalidError([{ field: 'body', rule: 'must be a JSON object' }]);
    }
    const fastCheck = metadata.metatype ? fastChecks.get(metadata.metatype) : undefined;
    if (fastCheck?.(value)) return value;
    return super.transform(value, metadata);
  }
}
