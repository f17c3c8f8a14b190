import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsInt, IsString, Length, Matches, Max, Min, Validate, ValidateIf, ValidateNested, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { dtoJsonSchema, registerConstraintSchema } from './dto-json-schema';

class LineDto {
  @Length(1, 100)
  @IsString()
  sku!: string;

  @Max(50)
  @Min(1)
  @IsInt()
  quantity!: number;
}

class OrderDto {
  @ValidateIf((o: OrderDto) => o.note !== undefined)
  @IsString()
  note?: string;

  @Matches(/^\d{4}$/)
  @IsString()
  year!: string;

  @ValidateNested({ each: true })
  @Type(() => LineDto)
  @ArrayNotEmpty()
  @IsArray()
  lines!: LineDto[];
}

// The same order with one rule changed: sku at most 20 characters.
class ShortLineDto {
  @Length(1, 20)
  @IsString()
  sku!: string;
}

registerConstraintSchema('evenNumbers', { type: 'array', items: { type: 'integer', multipleOf: 2 } });

@ValidatorConstraint({ name: 'evenNumbers' })
class EvenNumbers implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && value.every((v) => Number.isInteger(v) && v % 2 === 0);
  }
}

class EvensDto {
  @Validate(EvenNumbers)
  @IsArray()
  values!: number[];
}

@ValidatorConstraint({ name: 'unmapped' })
class Unmapped implements ValidatorConstraintInterface {
  validate(): boolean {
    return true;
  }
}

class UnmappedDto {
  @Validate(Unmapped)
  x!: string;
}

describe('dtoJsonSchema', () => {
  it('derives types, bounds, patterns, required and optional properties, nested arrays and no unknown properties', () => {
    expect(dtoJsonSchema(OrderDto)).toEqual({
      type: 'object',
      properties: {
        note: { type: 'string' },
        year: { type: 'string', pattern: '^\\d{4}$' },
        lines: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            properties: { sku: { type: 'string', minLength: 1, maxLength: 100 }, quantity: { type: 'integer', minimum: 1, maximum: 50 } },
            required: ['sku', 'quantity'],
            additionalProperties: false,
          },
        },
      },
      required: ['year', 'lines'],
      additionalProperties: false,
    });
  });

  it('changes when a DTO rule changes, with no other edit', () => {
    expect(dtoJsonSchema(ShortLineDto).properties).toEqual({ sku: { type: 'string', minLength: 1, maxLength: 20 } });
  });

  it('uses the schema registered for a custom constraint', () => {
    expect(dtoJsonSchema(EvensDto).properties).toEqual({ values: { type: 'array', items: { type: 'integer', multipleOf: 2 } } });
  });

  it('refuses to derive a rule it has no mapping for, rather than leave it out', () => {
    expect(() => dtoJsonSchema(UnmappedDto)).toThrow('UnmappedDto.x: constraint unmapped has no registered JSON Schema');
  });
});
