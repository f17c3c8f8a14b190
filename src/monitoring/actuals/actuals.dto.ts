import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsNumber, IsString, Length, Matches, Max, Min, Validate, ValidateNested } from 'class-validator';
import { dtoFastCheck } from '../../common/dto-fast-check';
import { ObjectElements } from '../../common/object-elements';
import { MAX_QUANTITY } from '../../common/quantity';
import { registerFastCheck } from '../../common/request-validation.pipe';
import { MONTH_PATTERN, MONTH_RULE } from '../../features/month';

/** Actuals per request; larger uploads are split by the client. */
export const MAX_ACTUALS_PER_REQUEST = 10_000;

export class ActualDto {
  @ApiProperty({ description: 'Country of the series, as in the forecast request.', example: 'AU' })
  @IsString()
  @Length(1, 64)
  country!: string;

  @ApiProperty({ description: 'SKU of the series, as in the forecast request.', example: 'SKU-0001' })
  @IsString()
  @Length(1, 128)
  sku!: string;

  @ApiProperty({ description: 'The month the quantity was realised in, YYYY-MM.', example: '2024-07', pattern: MONTH_PATTERN.source })
  @IsString()
  @Matches(MONTH_PATTERN, { message: `$property ${MONTH_RULE}` })
  month!: string;

  @ApiProperty({ description: 'Realised quantity in the units forecasts were requested in; finite, 0 to 1e12.', example: 182, minimum: 0, maximum: MAX_QUANTITY })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a finite number' })
  @Min(0)
  @Max(MAX_QUANTITY)
  value!: number;
}

export class PostActualsDto {
  @ApiProperty({
    description: `Realised monthly quantities for series the service forecast (1 to ${MAX_ACTUALS_PER_REQUEST}).`,
    type: [ActualDto],
    example: [
      { country: 'AU', sku: 'SKU-0001', month: '2024-07', value: 182 },
      { country: 'AU', sku: 'SKU-0002', month: '2024-07', value: 40 },
    ],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ACTUALS_PER_REQUEST)
  @Validate(ObjectElements)
  @ValidateNested({ each: true })
  @Type(() => ActualDto)
  actuals!: ActualDto[];
}

registerFastCheck(PostActualsDto, dtoFastCheck(PostActualsDto));

export class ActualsUnmatchedDto {
  @ApiProperty({ description: 'No replica logged a forecast for that series and month (never forecast, or its log write was dropped); nothing was claimed, so it can be posted again.', example: 1 })
  no_forecast!: number;

  @ApiProperty({ description: 'That series and month was already scored, through any replica and before or after any restart.', example: 0 })
  duplicate!: number;
}

export class PostActualsResponseDto {
  @ApiProperty({ description: 'Actuals received in this request.', example: 2 })
  received!: number;

  @ApiProperty({ description: 'Actuals joined with at least one logged forecast and claimed by this replica (counted in its accuracy metrics, and by no other replica).', example: 1 })
  matched!: number;

  @ApiProperty({ description: 'Forecast points scored: one actual can score forecasts made at several horizons or by several versions.', example: 3 })
  scoredForecasts!: number;

  @ApiProperty({ type: ActualsUnmatchedDto })
  unmatched!: ActualsUnmatchedDto;
}
