import { Controller, Get, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication, RouteConfig } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { okResponseSchema, SERIALIZED_BY_OPENAPI, serializeByOpenApi, serializerSchema } from './openapi-serializers';

class PartDto {
  @ApiProperty({ description: 'documented only', example: 'p-1' })
  label!: string;
}

class AnswerDto {
  @ApiProperty({ minimum: 0, example: 3 })
  count!: number;

  @ApiProperty({ type: [PartDto] })
  parts!: PartDto[];
}

class AnswerWithNoteDto extends AnswerDto {
  @ApiPropertyOptional({ description: 'The field added to the DTO.' })
  note?: string;
}

// What the handler returns: one field more than either DTO documents.
const HANDLER_RESULT = { count: 2, parts: [{ label: 'a', internal: true }], note: 'added', secret: 'never serialized' };

async function serve(dto: Type<unknown>, marked = true): Promise<NestFastifyApplication> {
  @Controller()
  class AnswerController {
    @Get('answer')
    @RouteConfig(marked ? SERIALIZED_BY_OPENAPI : {})
    @ApiOkResponse({ type: dto })
    answer(): unknown {
      return HANDLER_RESULT;
    }
  }
  @Module({ controllers: [AnswerController] })
  class AnswerModule {}

  const app = await NestFactory.create<NestFastifyApplication>(AnswerModule, new FastifyAdapter(), { logger: false });
  serializeByOpenApi(app, SwaggerModule.createDocument(app, new DocumentBuilder().build()));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

async function answerOf(dto: Type<unknown>, marked = true): Promise<unknown> {
  const app = await serve(dto, marked);
  try {
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/answer' });
    expect(response.statusCode).toBe(200);
    return JSON.parse(response.body);
  } finally {
    await app.close();
  }
}

describe('serializeByOpenApi', () => {
  it('serializes a marked route with the documented fields only', async () => {
    expect(await answerOf(AnswerDto)).toEqual({ count: 2, parts: [{ label: 'a' }] });
  });

  it('a field added to the response DTO appears in the serialized answer, with no other edit', async () => {
    expect(await answerOf(AnswerWithNoteDto)).toEqual({ count: 2, parts: [{ label: 'a' }], note: 'added' });
  });

  it('leaves unmarked routes to JSON.stringify', async () => {
    expect(await answerOf(AnswerDto, false)).toEqual(HANDLER_RESULT);
  });
});

describe('serializerSchema', () => {
  const components = {
    Part: { type: 'object', properties: { label: { type: 'string', description: 'x', example: 'y' } }, required: ['label'] },
    Answer: {
      type: 'object',
      properties: {
        parts: { type: 'array', items: { $ref: '#/components/schemas/Part' } },
        main: { description: 'x', allOf: [{ $ref: '#/components/schemas/Part' }] },
      },
    },
    Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } },
  } as const;

  it('inlines component references and keeps only what shapes the bytes', () => {
    expect(serializerSchema({ $ref: '#/components/schemas/Answer' }, components as never)).toEqual({
      type: 'object',
      properties: {
        parts: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] } },
        main: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] },
      },
    });
  });

  it.each([
    ['#/components/schemas/Missing', /names no component/],
    ['#/components/schemas/Loop', /Loop refers to itself/],
  ])('refuses %s', (ref, message) => {
    expect(() => serializerSchema({ $ref: ref }, components as never)).toThrow(message);
  });

  it("finds a route's 200 JSON answer by Fastify path", () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/a/{id}': { get: { responses: { '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/Part' } } } } } } } },
      components: { schemas: components as never },
    };
    expect(okResponseSchema(document, 'GET', '/a/:id')).toEqual({ type: 'object', properties: { label: { type: 'string' } }, required: ['label'] });
    expect(okResponseSchema(document, 'POST', '/a/:id')).toBeUndefined();
  });
});
