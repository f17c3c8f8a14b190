import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ViolationDto {
  @ApiProperty({ description: 'Path of the offending field in the request body.', example: 'series[2].history.values[5]' })
  field!: string;

  @ApiProperty({ description: 'The rule the field breaks.', example: 'must be a finite number >= 0 and <= 1e12' })
  rule!: string;
}

export class ErrorResponseDto {
  @ApiProperty({ description: 'HTTP status, repeated in the body.', example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'HTTP reason phrase.', example: 'Bad Request' })
  error!: string;

  @ApiProperty({ description: 'Stable machine-readable code (VALIDATION_FAILED, MODEL_NOT_READY, NOT_FOUND, ...).', example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiProperty({ description: 'Human-readable explanation.', example: 'series[2].history.values[5] must be a finite number >= 0 and <= 1e12' })
  message!: string;

  @ApiPropertyOptional({ description: 'The offending fields and their rules (400 only): the first 100 found.', type: [ViolationDto] })
  violations?: ViolationDto[];

  @ApiPropertyOptional({ description: 'Present when more violations were found than listed: how many (validation stops soon after 100).', example: 250 })
  violationCount?: number;
}
