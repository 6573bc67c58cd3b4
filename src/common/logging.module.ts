import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { RequestContext } from './context/request-context';

/** Nest's boot chatter (one line per module and per route, ~145 at start): kept at debug, out of the operator's way. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Structured logs (pino): JSON for production, readable with LOG_PRETTY=true (pino-pretty). Every
 * line written while a request is served carries its request id (`reqId`, read from the request
 * context by pino's mixin: no logger per request). The one line per HTTP request (method, route,
 * status, milliseconds, actor; headers only at debug) is written by accessLog
 * (src/common/http/access-log.middleware.ts) when the answer ends, so nestjs-pino mounts no
 * middleware of its own (pino-http built a child logger with the serialized request on every
 * request, even when nothing was logged: docs/decisions/0040-list-request-overhead.md).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // No route gets pino-http's middleware: its options only build the root logger (PinoLogger.root), with
        // the request and response serializers the access log uses at debug.
        forRoutes: [],
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          mixin: () => {
            const requestId = RequestContext.current()?.requestId;
            return requestId === undefined ? {} : { reqId: requestId };
          },
          hooks: {
            logMethod(args, method, level) {
              const first: unknown = args[0];
              const context = typeof first === 'object' && first !== null ? (first as { context?: unknown }).context : undefined;
              if (level === 30 && typeof context === 'string' && BOOT_CONTEXTS.has(context)) return this.debug(...(args as [object, string]));
              return method.apply(this, args);
            },
          },
          transport: config.get('LOG_PRETTY') ? { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } } : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
