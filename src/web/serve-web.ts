import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

/** The built web application (npm run build → web/dist), beside dist/ in a checkout and in the image. */
export const WEB_DIST = resolve(__dirname, '..', '..', '..', 'web', 'dist');

/** Paths that belong to the API and its documentation: the web application never answers them. */
const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;

/**
 * Serves the web application at / (docs/decisions/0024-serving-the-web-app.md):
 * hashed assets with a one-year immutable cache, index.html never cached, and
 * every other page address (/acciones/…, /revision/…) answered with index.html
 * so that links from e-mails open in the application. /api, /health and /metrics keep
 * their own answers, 404 included.
 */
export function serveWebApp(app: NestExpressApplication, dir = WEB_DIST): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.use('/', (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
      res
        .status(503)
        .type('html')
        .send(
          '<!doctype html><html lang="es-MX"><meta charset="utf-8"><title>asm-seguimiento</title><p>La aplicación web no está compilada: ejecuta <code>npm run build</code> y reinicia el servidor. La API responde en <a href="/api/docs">/api/docs</a>.</p></html>',
        );
    });
    return;
  }
  const files = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res: Response, path: string) => {
      res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}/`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // The API's own paths are not looked for on disk: serve-static would stat web/dist/api/… on every API GET.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (SERVER_PATHS.test(req.path)) next();
    else void files(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    // A missing file (/assets/old-hash.js, /favicon.ico) stays a 404, not the page.
    if (/\.[a-z0-9]+$/i.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
