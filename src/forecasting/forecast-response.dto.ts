import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ModelRefDto {
  @ApiProperty({ description: 'Registered model name.', example: 'demand-forecast' })
  name!: string;

  @ApiProperty({ description: 'Registry version that produced the forecasts; fixed for the life of the process.', example: 3 })
  version!: number;
}

export class ForecastPointDto {
  @ApiProperty({ description: 'Forecast month, YYYY-MM; the first follows the last history month.', example: '2024-01' })
  month!: string;

  @ApiProperty({ description: 'Point forecast in the units of the history; never negative.', minimum: 0, example: 212.4 })
  value!: number;

  @ApiPropertyOptional({ description: "Lower bound of the model's prediction interval (when the model has one).", minimum: 0, example: 171.9 })
  lower?: number;

  @ApiPropertyOptional({ description: "Upper bound of the model's prediction interval (when the model has one).", minimum: 0, example: 257.3 })
  upper?: number;
}

export class SeriesForecastDto {
  @ApiProperty({ description: 'The id given in the request, else `<country>/<sku>`.', example: 'DE/SKU-1001' })
  id!: string;

  @ApiProperty({ description: 'Country, as in the request.', example: 'DE' })
  country!: string;

  @ApiProperty({ description: 'SKU, as in the request.', example: 'SKU-1001' })
  sku!: string;

  @ApiProperty({ description: 'One point per month ahead, `horizon` of them.', type: [ForecastPointDto] })
  points!: ForecastPointDto[];

  @ApiPropertyOptional({
    description:
      'The method that produced this forecast: the members of the combination that carried weight, heaviest first (ETS with its form). Absent for trees-only models.',
    example: 'ets(M,Ad,M)+theta+trees',
  })
  method?: string;

  @ApiPropertyOptional({
    description: 'Caveats about this series, e.g. an all-zero history or a country/SKU the model was not trained on.',
    type: [String],
    example: ['sku "SKU-9999" was not seen in training: the model treats it as unknown'],
  })
  warnings?: string[];
}

export class ForecastResponseDto {
  @ApiProperty({ description: 'The model version that answered.', type: ModelRefDto })
  model!: ModelRefDto;

  @ApiProperty({ description: 'One entry per requested series, in request order.', type: [SeriesForecastDto] })
  forecasts!: SeriesForecastDto[];
}
