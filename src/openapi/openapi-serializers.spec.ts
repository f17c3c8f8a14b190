import { okResponseSchema, serializerSchema } from './openapi-serializers';

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
