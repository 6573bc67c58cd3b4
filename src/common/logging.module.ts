import { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { RequestContext } from './context/request-context';

/** Nest's boot chatter (one line per module and per route, ~145 at start): kept at debug, out of the operator's way. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** The route's pattern (/api/v1/asms/:id), never the query string; the path when no route matched. */
function routeOf(req: IncomingMessage): string {
  const r = req as IncomingMessage & { route?: { path?: string }; baseUrl?: string; originalUrl?: string };
  if (typeof r.route?.path === 'string') return `${r.baseUrl ?? ''}${r.route.path}`;
  return (r.originalUrl ?? r.url ?? '').split('?')[0];
}

function summary(req: IncomingMessage, res: ServerResponse, ms: number) {
  return { method: req.method, route: routeOf(req), status: res.statusCode, ms };
}

/**
 * Structured logs (pino): JSON for production, readable with LOG_PRETTY=true (pino-pretty). Each
 * HTTP request gives one short line at info (method, route, status, milliseconds, request id,
 * actor); the request's and response's headers only at debug.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const detailed = ['debug', 'trace'].includes(config.get('LOG_LEVEL'));
        return {
          pinoHttp: {
            level: config.get('LOG_LEVEL'),
            genReqId: (req) => (req as { id?: string }).id ?? RequestContext.current()?.requestId ?? 'sin-id',
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            customProps: () => ({ actorId: RequestContext.current()?.actor?.id }),
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') || (req.url ?? '').startsWith('/metrics') },
            quietReqLogger: !detailed,
            quietResLogger: !detailed,
            customSuccessMessage: (req, res, ms) => `${req.method} ${routeOf(req)} ${res.statusCode} ${ms} ms`,
            customErrorMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
            customSuccessObject: (req, res, val: { responseTime: number }) =>
              detailed ? { ...val, ...summary(req, res, val.responseTime) } : summary(req, res, val.responseTime),
            customErrorObject: (req, res, err, val: { responseTime: number }) =>
              detailed ? { ...val, ...summary(req, res, val.responseTime) } : { ...summary(req, res, val.responseTime), err },
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
        };
      },
    }),
  ],
})
export class LoggingModule {}
