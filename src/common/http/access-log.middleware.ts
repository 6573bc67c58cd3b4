import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { RequestContext } from '../context/request-context';

/** The route's pattern (/api/v1/asms/:id), never the query string; the path when no route matched. */
function routeOf(req: IncomingMessage): string {
  const r = req as IncomingMessage & { route?: { path?: string }; baseUrl?: string; originalUrl?: string };
  if (typeof r.route?.path === 'string') return `${r.baseUrl ?? ''}${r.route.path}`;
  return (r.originalUrl ?? r.url ?? '').split('?')[0];
}

/** Probes and scrapes, polled every few seconds: not logged. */
function unlogged(url: string): boolean {
  return url.startsWith('/health/') || url.startsWith('/metrics');
}

/**
 * The access log: one line per HTTP request, at info, when its answer ends (or the connection
 * closes first): request id, acting user, method, route pattern, status and milliseconds. At debug
 * the same line carries the request and the response (authorization and cookies redacted). An
 * answer of 5xx carries an error, as pino-http's line did. Runs inside the request context (after
 * requestIdMiddleware), whose actor the guard fills in.
 */
export function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (unlogged(req.url)) return next();
    const started = Date.now();
    const context = RequestContext.current();
    const done = (): void => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      write(logger, req, res, Date.now() - started, context?.requestId, context?.actor?.id);
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}

function write(logger: Logger, req: IncomingMessage, res: ServerResponse, ms: number, reqId: string | undefined, actorId: string | undefined): void {
  if (!logger.isLevelEnabled('info')) return;
  const route = routeOf(req);
  const line: Record<string, unknown> = { reqId, actorId, method: req.method, route, status: res.statusCode, ms };
  if (logger.isLevelEnabled('debug')) Object.assign(line, { req, res, responseTime: ms });
  if (res.statusCode >= 500) {
    line.err = new Error(`failed with status code ${res.statusCode}`);
    logger.info(line, `${req.method} ${route} ${res.statusCode}`);
  } else {
    logger.info(line, `${req.method} ${route} ${res.statusCode} ${ms} ms`);
  }
}
