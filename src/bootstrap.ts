import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger, PinoLogger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { accessLog } from './common/http/access-log.middleware';
import { refuseDeepJson } from './common/http/json-depth';
import { noStore } from './common/http/no-store.middleware';
import { requestIdMiddleware } from './common/http/request-id.middleware';
import { refuseUnsafeText } from './common/http/text-safety.middleware';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { buildOpenApiDocument } from './openapi';
import { serveWebApp } from './web/serve-web';

/**
 * Builds the HTTP application (used by main.api.ts, the demo and the e2e tests,
 * so that all three run exactly the same stack).
 */
export async function createApiApp(config: AppConfig = new AppConfig()): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(requestIdMiddleware);
  app.use(accessLog(PinoLogger.root));
  app.use('/api/v1', noStore);
  app.use(
    helmet({
      // Swagger UI needs inline styles and scripts of its own origin.
      // The web application previews evidence from blob: URLs (images, and PDFs in a frame).
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'frame-src': ["'self'", 'blob:'] },
      },
    }),
  );
  // Nest leaves `verify` out of the option's type because its rawBody option uses it; this app does not enable rawBody.
  app.useBodyParser('json', { limit: config.get('BODY_LIMIT'), verify: refuseDeepJson } as NestExpressBodyParserOptionsFor<'json'>);
  app.use(refuseUnsafeText);
  app.useGlobalPipes(createValidationPipe());
  serveWebApp(app);
  app.enableShutdownHooks();
  // No proxy is trusted unless TRUST_PROXY names it: X-Forwarded-For from anyone else is ignored.
  app.set('trust proxy', config.get('TRUST_PROXY'));
  // Express hashed every JSON answer (SHA-1 of a whole page) for an ETag no client may use: every API answer is
  // no-store. Evidence downloads set their own ETag (the SHA-256); the web app's files get theirs from serve-static.
  app.set('etag', false);
  if (config.get('SWAGGER_ENABLED')) {
    SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  }
  return app;
}
