import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.service';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics for Prometheus, behind a bearer token (METRICS_TOKEN). Without
 * a token configured the endpoint does not exist (404): metrics name queues,
 * routes and volumes an outsider has no business reading, and an operator
 * who has not chosen a token has not chosen to publish them. The token is
 * compared in constant time (digests of equal length, timingSafeEqual).
 */
export function metricsHandler(metrics: Metrics, token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    if (!expected) return answer(404, 'No existe.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'Usa GET.\n', { Allow: 'GET, HEAD' });
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      return answer(401, 'Falta el token de métricas o no es válido (Authorization: Bearer <METRICS_TOKEN>).\n', { 'WWW-Authenticate': 'Bearer' });
    }
    metrics.render().then(
      (text) => answer(200, req.method === 'HEAD' ? '' : text, { 'Content-Type': metrics.registry.contentType }),
      () => answer(500, 'No se pudieron leer las métricas.\n'),
    );
  };
}
