import type { components } from './schema';
import { ApiError, toApiError } from './errors';

export type Profile = components['schemas']['SessionProfileView'];
type SessionAnswer = components['schemas']['BrowserSessionView'];

/*
 * The browser session (docs/decisions/0022-browser-sessions.md). The access
 * token lives only in this module's memory; the refresh token lives in an
 * httpOnly cookie the page cannot read. Refreshing happens a minute before
 * expiry and on a 401, one request at a time.
 */
const CSRF = { 'X-ASM-CSRF': '1' };
const EARLY_MS = 60_000;

let accessToken: string | null = null;
let profile: Profile | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

export type SessionState = { status: 'unknown' } | { status: 'anonymous'; expired: boolean } | { status: 'signed-in'; profile: Profile };
let state: SessionState = { status: 'unknown' };

function emit(next: SessionState): void {
  state = next;
  for (const l of listeners) l();
}

export const session = {
  subscribe: (l: () => void): (() => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  state: (): SessionState => state,
  token: (): string | null => accessToken,
};

function accept(a: SessionAnswer): void {
  accessToken = a.accessToken;
  profile = a.user;
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), Math.max(5_000, a.expiresIn * 1000 - EARLY_MS));
  emit({ status: 'signed-in', profile });
}

function drop(expired: boolean): void {
  accessToken = null;
  profile = null;
  clearTimeout(timer);
  emit({ status: 'anonymous', expired });
}

async function post(path: string, body?: unknown, token?: string): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...CSRF, ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

export async function signIn(email: string, password: string): Promise<void> {
  const res = await post('/api/v1/auth/session', { email, password });
  if (!res.ok) throw await toApiError(res);
  accept((await res.json()) as SessionAnswer);
}

/** Renews the access token with the cookie; false when there is no session any more. */
export function refresh(): Promise<boolean> {
  inflight ??= (async () => {
    const wasSignedIn = state.status === 'signed-in';
    try {
      const res = await post('/api/v1/auth/session/refresh');
      if (!res.ok) {
        drop(wasSignedIn);
        return false;
      }
      accept((await res.json()) as SessionAnswer);
      return true;
    } catch {
      // Network down: keep the state; the next request will try again.
      return state.status === 'signed-in';
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

export async function signOut(): Promise<void> {
  try {
    await post('/api/v1/auth/session/logout');
  } finally {
    drop(false);
  }
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const res = await authedFetch(
    new Request('/api/v1/auth/session/password', {
      method: 'POST',
      headers: { ...CSRF, 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword, newPassword }),
    }),
  );
  if (!res.ok) throw await toApiError(res);
  accept((await res.json()) as SessionAnswer);
}

const EXPIRED_CODES = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID', 'UNAUTHENTICATED', 'SESSION_REVOKED']);

/**
 * fetch with the access token; on a 401 of an expired or revoked token it
 * refreshes once and retries. When the session cannot be renewed the state
 * becomes anonymous (expired), and the app sends the person to sign in.
 */
export async function authedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const send = (r: Request) => {
    const token = accessToken;
    if (token) r.headers.set('Authorization', `Bearer ${token}`);
    return fetch(r, { credentials: 'same-origin' });
  };
  const res = await send(request);
  if (res.status !== 401) return res;
  const code =
    (
      (await res
        .clone()
        .json()
        .catch(() => ({}))) as { code?: string }
    ).code ?? '';
  if (!EXPIRED_CODES.has(code)) return res;
  if (!(await refresh())) return res;
  return send(retry);
}

export function isSessionError(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
