import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { viewComponentSchemas } from './api-answer.decorator';
import { PROBLEM_SCHEMA } from './openapi-schema';

export const OPENAPI_PATH = 'api/docs';

/** The OpenAPI document of the API, its UI at `/api/docs` and its JSON at `/api/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Cirkel API')
    .setDescription(
      'The HTTP API of Cirkel, the platform of the circular-economy hub. Errors are application/problem+json ' +
        'with a stable `type` code; validation problems list the fields at fault in `errors`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...viewComponentSchemas(), Problem: PROBLEM_SCHEMA } };
  SwaggerModule.setup(OPENAPI_PATH, app, document, { customSiteTitle: 'Cirkel API' });
}
