import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toErrorResponse } from './error-response';

/** Every error of every route, Fastify's own (body limit, media type, bad JSON) included, leaves as JSON here. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, unexpected, logDetail } = toErrorResponse(exception);
    if (unexpected) this.logger.error(exception instanceof Error ? exception : String(exception));
    else if (logDetail) this.logger.warn({ msg: 'answered with an error', code: body.code, statusCode: status, detail: logDetail });
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
