import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.service';

/**
 * Times every request and records it under its route template
 * (/api/v1/evidence/:id), never the raw URL: ids in labels would make a new
 * time series per record. Requests no route matched share one label ("sin-ruta"):
 * Nest mounts middleware as wildcard routes (/*path), which is all req.route
 * holds for them.
 */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const path = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof path === 'string' && !path.includes('*') ? `${req.baseUrl}${path}` : 'sin-ruta';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
