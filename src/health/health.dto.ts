import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthModelDto {
  @ApiProperty({ description: 'Configured model name.', example: 'demand-forecast' })
  name!: string;

  @ApiPropertyOptional({ description: 'Resolved registry version, once known.', example: 3 })
  version?: number;
}

export class LivenessDto {
  @ApiProperty({ description: 'Always `ok` when the process answers.', enum: ['ok'], example: 'ok' })
  status!: 'ok';
}

export class ReadinessDto {
  @ApiProperty({
    description: '`ready` when a verified, warmed-up model answers; otherwise `loading`, `failed` (the version was refused) or `stopping`.',
    enum: ['ready', 'loading', 'failed', 'stopping'],
    example: 'ready',
  })
  status!: string;

  @ApiPropertyOptional({ description: 'Why the service is not ready.', example: 'registry_unavailable: connect ECONNREFUSED (retrying in 1000 ms)' })
  reason?: string;

  @ApiProperty({ description: 'The model this instance serves or tries to serve.', type: HealthModelDto })
  model!: HealthModelDto;
}
