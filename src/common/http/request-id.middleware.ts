import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '../context/request-context';

const ACCEPTABLE = /^[\w.:-]{1,100}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane), echoes
 * it in the response, and opens the request context the logs and the audit
 * trail read.
 */
export function requestIdMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const id = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  RequestContext.run({ requestId: id, ip: req.ip }, next);
}
