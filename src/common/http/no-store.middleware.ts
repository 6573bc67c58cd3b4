import type { NextFunction, Request, Response } from 'express';

/**
 * Every answer of the API carries tokens, records or errors about them:
 * no browser or shared cache may keep one (OWASP session management). Set
 * before the handler, so errors and streamed documents carry it too.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
