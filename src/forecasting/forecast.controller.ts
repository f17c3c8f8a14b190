import { Body, Controller, Get, Header, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ErrorResponseDto } from '../common/error-response.dto';
import { clientGoneSignal } from './client-gone-signal';
import { ForecastRequestDto } from './forecast-request.dto';
import { ForecastResponseDto } from './forecast-response.dto';
import { encodeForecastAnswer } from './forecast-answer-encoder';
import { ForecastingService } from './forecasting.service';
import { ModelInfoDto } from './model-info.dto';

@ApiTags('forecasting')
@Controller('v1')
export class ForecastController {
  constructor(private readonly forecasting: ForecastingService) {}

  @Post('forecast')
  @HttpCode(200)
  // The answer is encoded here, from the batch's flat arrays (forecast-answer-encoder.ts), not by Fastify's serializer.
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'Forecast monthly demand for one or more Country × SKU series with the served model version.' })
  @ApiOkResponse({ type: ForecastResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Every offending field and the rule it breaks.' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body larger than BODY_LIMIT_BYTES.' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'Body is not application/json.' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'No verified model is loaded yet (code MODEL_NOT_READY).' })
  async forecast(@Body() request: ForecastRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return encodeForecastAnswer(await this.forecasting.forecast(request, clientGoneSignal(reply.raw)));
  }

  @Get('model')
  @ApiOperation({ summary: 'The served model version: checksum, metrics, feature specification and limits.' })
  @ApiOkResponse({ type: ModelInfoDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'No verified model is loaded yet.' })
  model(): ModelInfoDto {
    return this.forecasting.modelInfo();
  }
}
