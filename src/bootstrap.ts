import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { requestIdMiddleware } from './common/http/request-id.middleware';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { serveWebApp } from './web/serve-web';

/**
 * Builds the HTTP application (used by main.api.ts, the demo and the e2e tests,
 * so that all three run exactly the same stack).
 */
export async function createApiApp(config: AppConfig = new AppConfig()): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      // Swagger UI needs inline styles and scripts of its own origin.
      // The web application previews evidence from blob: URLs (images, and PDFs in a frame).
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'frame-src': ["'self'", 'blob:'] },
      },
    }),
  );
  app.useBodyParser('json', { limit: config.get('BODY_LIMIT') });
  app.useGlobalPipes(createValidationPipe());
  serveWebApp(app);
  app.enableShutdownHooks();
  app.set('trust proxy', 'loopback');
  if (config.get('SWAGGER_ENABLED')) {
    const doc = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('asm-seguimiento')
        .setDescription(
          'Seguimiento a Aspectos Susceptibles de Mejora (ASM) derivados de informes y evaluaciones externas. ' +
            'Todos los errores tienen la forma { code, message, details }; los mensajes están en español.',
        )
        .setVersion('1')
        .build(),
    );
    SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  }
  return app;
}
