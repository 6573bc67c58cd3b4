import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { RequestContext } from './context/request-context';

/** Structured JSON logs (pino); each HTTP log line carries the request id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          genReqId: (req) => (req as { id?: string }).id ?? RequestContext.current()?.requestId ?? 'sin-id',
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          customProps: () => ({ actorId: RequestContext.current()?.actor?.id }),
          autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
          transport: config.get('LOG_PRETTY') ? { target: 'pino-pretty' } : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
