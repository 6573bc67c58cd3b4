import { parseCookie } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { CsrfRefusedError } from '../identity.errors';

/*
 * The browser's session (docs/decisions/0022-browser-sessions.md): the access
 * token lives in the page's memory; the refresh token travels only in an
 * httpOnly, SameSite=Strict cookie scoped to the auth routes, so page scripts
 * never see it and other paths never receive it.
 */
export const REFRESH_COOKIE = 'asm_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/** The header a page of this origin adds to every cookie route: a cross-site form cannot set it, and a cross-site script cannot send it without a CORS preflight this API never grants. */
export const CSRF_HEADER = 'x-asm-csrf';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.endsWith('.localhost');
}

/**
 * Cookie routes answer only requests made by a page of this very site: the
 * custom header must be present and, when the browser names the origin (it
 * always does on a cross-site POST), it must be this host or PUBLIC_BASE_URL.
 */
export function assertSameSiteRequest(req: Request, publicBaseUrl: string): void {
  if (req.get(CSRF_HEADER) !== '1') throw new CsrfRefusedError('falta el encabezado X-ASM-CSRF');
  const origin = req.get('origin');
  if (origin !== undefined) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new CsrfRefusedError('origen inválido');
    }
    const allowed = new Set([req.get('host'), new URL(publicBaseUrl).host]);
    if (!allowed.has(host)) throw new CsrfRefusedError(`origen ${origin} no permitido`);
  }
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new CsrfRefusedError('solicitud de otro sitio');
}

export function readRefreshCookie(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  const value = parseCookie(header)[REFRESH_COOKIE];
  return value && value.length <= 200 ? value : undefined;
}

function cookieOptions(req: Request): CookieOptions {
  // Secure everywhere but on the developer's own machine (http://localhost), where browsers would drop it.
  return { httpOnly: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH, secure: req.secure || !isLoopback(req.hostname) };
}

export function setRefreshCookie(req: Request, res: Response, token: string, expiresAt: string): void {
  res.cookie(REFRESH_COOKIE, token, { ...cookieOptions(req), expires: new Date(expiresAt) });
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, cookieOptions(req));
}
