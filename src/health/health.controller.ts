import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ModelHost } from '../model-host/model-host.service';
import { HealthBody, livenessReport, readinessReport } from './health-report';
import { LivenessDto, ReadinessDto } from './health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly host: ModelHost) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers. Never depends on the model or the registry.' })
  @ApiOkResponse({ type: LivenessDto })
  live(): HealthBody {
    return livenessReport().body;
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 only when a verified, warmed-up model can answer.' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Loading, registry unreachable, model refused, or shutting down.' })
  ready(@Res({ passthrough: true }) reply: FastifyReply): HealthBody {
    const { httpStatus, body } = readinessReport(this.host.status());
    void reply.status(httpStatus);
    return body;
  }
}
