import { Body, Controller, HttpCode, Post, ValidationPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { RequestInvalidError } from '../../common/request-invalid.error';
import { toViolations } from '../../common/validation-violations';
import { PostActualsDto, PostActualsResponseDto } from './actuals.dto';
import { ActualsService } from './actuals.service';

const validation = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new RequestInvalidError(toViolations(errors)),
});

@ApiTags('accuracy')
@Controller('v1/actuals')
export class ActualsController {
  constructor(private readonly actuals: ActualsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Report realised monthly quantities',
    description:
      'Joins each actual with the forecasts any replica served and logged for the same country, SKU and month (every horizon and model version) and adds the errors to the accuracy metrics, from which Prometheus computes WAPE, accuracy and bias by horizon bucket, version and country. Each series-month is scored once across the fleet; a repeat is counted as a duplicate.',
  })
  @ApiOkResponse({ type: PostActualsResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED: `violations` names each field and rule.' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'FORECAST_LOG_UNAVAILABLE: the forecast log could not be read or written; nothing was scored, post again.' })
  record(@Body(validation) body: PostActualsDto): Promise<PostActualsResponseDto> {
    return this.actuals.record(body);
  }
}
