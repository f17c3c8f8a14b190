import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class IntervalInfoDto {
  @ApiProperty({ description: 'Nominal coverage of the prediction interval.', example: 0.8 })
  coverage!: number;
}

export class ModelInfoDto {
  @ApiProperty({ description: 'Registered model name.', example: 'demand-forecast' })
  name!: string;

  @ApiProperty({ description: 'Served registry version, resolved once at startup from MODEL_VERSION.', example: 3 })
  version!: number;

  @ApiProperty({ description: 'sha256 of model.onnx, verified at load.', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @ApiProperty({ description: 'When the version was registered (ISO 8601).', example: '2024-06-01T00:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({
    description: 'Evaluation metrics recorded at training time (e.g. wape, accuracy, bias); see `metricDirections`.',
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { wape: 0.21, accuracy: 0.79, bias: -0.02, abs_bias: 0.02 },
  })
  metrics!: Record<string, number>;

  @ApiProperty({
    description: 'Which way each metric is better.',
    type: 'object',
    additionalProperties: { type: 'string', enum: ['lower', 'higher', 'closest-to-zero'] },
    example: { wape: 'lower', accuracy: 'higher' },
  })
  metricDirections!: Record<string, 'lower' | 'higher' | 'closest-to-zero'>;

  @ApiProperty({
    description: 'Feature specification pre-processing follows: lags, windows, categorical vocabularies, input column order.',
    type: 'object',
    additionalProperties: true,
    example: { strategy: 'direct-horizon', lags: [1, 2, 3, 12], minHistory: 36, maxHorizon: 18, names: ['horizon', 'target_month'] },
  })
  features!: Record<string, unknown>;

  @ApiProperty({ description: 'Largest `horizon` a forecast request may ask for.', example: 18 })
  maxHorizon!: number;

  @ApiProperty({ description: 'Fewest months of history a series must have.', example: 36 })
  minHistory!: number;

  @ApiPropertyOptional({ description: 'Prediction interval the forecasts carry as lower/upper, when the model has one.', type: IntervalInfoDto })
  intervals?: IntervalInfoDto;
}
