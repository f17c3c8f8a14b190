import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { dtoFastCheck } from '../common/dto-fast-check';
import { registerConstraintSchema } from '../common/dto-json-schema';
import { isQuantity, MAX_QUANTITY, QUANTITY_RULE } from '../common/quantity';
import { ObjectElements } from '../common/object-elements';
import { registerFastCheck } from '../common/request-validation.pipe';
import { ELEMENT_CHECK_PREFIX, registerElementRule } from '../common/validation-violations';
import { MONTH_PATTERN, MONTH_RULE } from '../features/month';
import { ForecastInput, SeriesInput } from '../prediction/forecast-input';

const QUANTITIES = `${ELEMENT_CHECK_PREFIX}quantity`;
registerElementRule(QUANTITIES, { rule: QUANTITY_RULE, isValid: isQuantity });
registerConstraintSchema(QUANTITIES, { type: 'array', items: { type: 'number', minimum: 0, maximum: MAX_QUANTITY } });

const ATTRIBUTE_VALUES = `${ELEMENT_CHECK_PREFIX}attributeValue`;
/** Attributes per series: models use a handful; the bound keeps a hostile map from costing seconds to copy. */
export const MAX_ATTRIBUTES = 100;
registerConstraintSchema(ATTRIBUTE_VALUES, { type: 'object', maxProperties: MAX_ATTRIBUTES, additionalProperties: { type: 'string' } });


@ValidatorConstraint({ name: QUANTITIES })
class Quantities implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && value.every(isQuantity);
  }
}

@ValidatorConstraint({ name: ATTRIBUTE_VALUES })
class StringValues implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const values = Object.values(value);
    return values.length <= MAX_ATTRIBUTES && values.every((v) => typeof v === 'string');
  }

  defaultMessage(): string {
    return `$property must map at most ${MAX_ATTRIBUTES} attribute names to strings`;
  }
}

export class HistoryDto {
  @ApiProperty({ description: 'First month of `values`, in YYYY-MM form.', example: '2022-01', pattern: MONTH_PATTERN.source })
  @Matches(MONTH_PATTERN, { message: `$property ${MONTH_RULE}` })
  @IsString()
  start!: string;

  @ApiProperty({
    description:
      'Monthly quantities from `start`, one per month with no gaps, in the units forecasts are wanted in. Each must be a finite number from 0 to 1e12; at least the model\'s `minHistory` months (see GET /v1/model).',
    type: [Number],
    minimum: 0,
    maximum: MAX_QUANTITY,
    example: [120, 135, 150, 160, 155, 170, 180, 175, 190, 210, 230, 260, 130, 140, 158, 171, 166, 180, 192, 185, 199, 220, 241, 275],
  })
  @Validate(Quantities)
  @ArrayNotEmpty()
  @IsArray()
  values!: number[];
}

export class SeriesDto implements SeriesInput {
  @ApiPropertyOptional({ description: 'Client key echoed in the response; defaults to `<country>/<sku>`. Unique within a request.', example: 'DE/SKU-1001', maxLength: 200 })
  @ValidateIf((s: SeriesDto) => s.id !== undefined)
  @Length(1, 200, { message: '$property must be 1 to 200 characters long' })
  @IsString()
  id?: string;

  @ApiProperty({ description: 'Country code or name, as in the training data.', example: 'DE', maxLength: 100 })
  @Length(1, 100, { message: '$property must be 1 to 100 characters long' })
  @IsString()
  country!: string;

  @ApiProperty({ description: 'Stock-keeping unit, as in the training data.', example: 'SKU-1001', maxLength: 100 })
  @Length(1, 100, { message: '$property must be 1 to 100 characters long' })
  @IsString()
  sku!: string;

  @ApiPropertyOptional({
    description: 'Extra categorical attributes the model may use (see `features.categoricals` of GET /v1/model); at most 100.',
    type: 'object',
    maxProperties: MAX_ATTRIBUTES,
    additionalProperties: { type: 'string' },
    example: { channel: 'retail' },
  })
  @ValidateIf((s: SeriesDto) => s.attributes !== undefined)
  @Validate(StringValues)
  @IsObject()
  attributes?: Record<string, string>;

  @ApiProperty({ description: 'Monthly history ending at the last known month; forecasts start the month after.', type: HistoryDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HistoryDto)
  history!: HistoryDto;
}

export class ForecastRequestDto implements ForecastInput {
  @ApiProperty({ description: "Months to forecast after each series' last history month: 1 to the model's `maxHorizon`.", minimum: 1, example: 6 })
  @Min(1)
  @IsInt()
  horizon!: number;

  @ApiProperty({ description: 'Series to forecast, all scored in one model run. At most MAX_SERIES_PER_REQUEST (default 1000).', type: [SeriesDto] })
  @ValidateNested({ each: true })
  @Type(() => SeriesDto)
  @Validate(ObjectElements)
  @ArrayNotEmpty()
  @IsArray()
  series!: SeriesDto[];
}

registerFastCheck(ForecastRequestDto, dtoFastCheck(ForecastRequestDto));
