import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_JSON_PATH = '/openapi.json';
export const SWAGGER_UI_PATH = 'docs';

/** The API description, generated from the controllers and DTOs; independent of any loaded model. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Demand forecast serving')
    .setDescription(
      'Monthly demand forecasts for Country × SKU series from the registered model version this instance serves. ' +
        'Errors are JSON with a stable `code`; 400 answers list every offending field and rule.',
    )
    .setVersion('1')
    .addTag('forecasting', 'Forecasts and the served model')
    .addTag('health', 'Liveness and readiness probes')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Microsoft Entra ID access token (client credentials) with the app role the operation names.' }, 'entra')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key issued to a gateway (AUTH_API_KEYS_FILE).' }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Every /v1 operation takes either credential (src/auth/); health and docs need none.
  for (const [route, operations] of Object.entries(document.paths)) {
    if (!route.startsWith('/v1/')) continue;
    for (const operation of Object.values(operations) as Array<{ security?: unknown }>) operation.security = [{ entra: [] }, { apiKey: [] }];
  }
  return document;
}

/** Serves Swagger UI at /docs and the raw document at /openapi.json; returns the document. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    swaggerOptions: { defaultModelsExpandDepth: 2 },
  });
  return document;
}

/** Stable text of the document, as committed under openapi/. */
export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
