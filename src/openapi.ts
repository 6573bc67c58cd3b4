import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorView } from './common/http/api-errors.decorator';

/** The name of the security scheme every authenticated operation refers to. */
export const BEARER_SCHEME = 'bearer';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** For success responses whose decorator gave no description (the schema says the rest). */
const SUCCESS: Record<string, string> = { '200': 'Correcto.', '201': 'Creado.', '202': 'Aceptado.', '204': 'Sin contenido.' };

/**
 * The OpenAPI document of the running application, served at /api/docs-json
 * (the web app generates its typed client from it). test/openapi-contract.e2e-spec.ts
 * lints it and checks real responses of every operation against it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('asm-seguimiento')
    .setDescription(
      'Seguimiento a Aspectos Susceptibles de Mejora (ASM) derivados de informes y evaluaciones externas.\n\n' +
        'Autenticación: POST /api/v1/auth/login devuelve accessToken; úsalo en **Authorize** (o en el encabezado ' +
        '`Authorization: Bearer …`). Vale 15 minutos; POST /api/v1/auth/refresh con el refreshToken da un par nuevo.\n\n' +
        'Todos los errores tienen la forma { code, message, details, requestId }; los mensajes están en español y ' +
        'details nombra cada campo con su nombre en la API.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'Este mismo servidor')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'El accessToken de POST /api/v1/auth/login.' }, BEARER_SCHEME)
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ErrorView] });
  // Any operation can also fail for reasons of no single route (the database is down, an internal error): same shape.
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (response && 'description' in response && !response.description && SUCCESS[status]) response.description = SUCCESS[status];
        }
        op.responses.default ??= {
          description: 'Cualquier otro error (p. ej. 503 si la base de datos no responde, 500 con el requestId para soporte).',
          content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorView) } } },
        };
      }
    }
  }
  return doc;
}
