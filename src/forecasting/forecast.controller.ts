import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ErrorResponseDto } from '../common/error-response.dto';
import { ForecastRequestDto } from './forecast-request.dto';
import { ForecastResponseDto } from './forecast-response.dto';
import { SERIALIZED_BY_OPENAPI } from '../openapi/openapi-serializers';
import { ForecastingService } from './forecasting.service';
import { ModelInfoDto } from './model-info.dto';

@ApiTags('forecasting')
@Controller('v1')
export class ForecastController {
  constructor(private readonly forecasting: ForecastingService) {}

  @Post('forecast')
  @HttpCode(200)
  @RouteConfig(SERIALIZED_BY_OPENAPI)
  @ApiOperation({ summary: 'Forecast monthly demand for one or more Country × SKU series with the served model version.' })
  @ApiOkResponse({ type: ForecastResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Every offending field and the rule it breaks.' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body larger than BODY_LIMIT_BYTES.' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'Body is not application/json.' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'No verified model is loaded yet (code MODEL_NOT_READY).' })
  forecast(@Body() request: ForecastRequestDto): Promise<ForecastResponseDto> {
    return this.forecasting.forecast(request);
  }

  @Get('model')
  @ApiOperation({ summary: 'The served model version: checksum, metrics, feature specification and limits.' })
  @ApiOkResponse({ type: ModelInfoDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'No verified model is loaded yet.' })
  model(): ModelInfoDto {
    return this.forecasting.modelInfo();
  }
}
