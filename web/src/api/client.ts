import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toApiError } from './errors';
import { authedFetch } from './session';

/** The typed API client (paths and bodies from the generated OpenAPI types). */
export const api = createClient<paths>({ baseUrl: '', fetch: authedFetch });

/**
 * Resolves an openapi-fetch answer to its data or throws the API's error.
 * `T` names the body where the OpenAPI document does not describe it yet
 * (see types.ts).
 */
export async function unwrap<T>(p: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (error !== undefined || !response.ok) {
    const e = error as { code?: string; message?: string; details?: ApiError['details'] } | undefined;
    if (e && typeof e === 'object' && e.message) throw new ApiError(response.status, e.code ?? `HTTP_${response.status}`, e.message, e.details ?? []);
    throw await toApiError(response);
  }
  return data as T;
}

/** A file of the API (evidence, documents) as a blob: the token goes in a header, never in a URL. */
export async function fetchBlob(path: string): Promise<Blob> {
  const res = await authedFetch(new Request(path));
  if (!res.ok) throw await toApiError(res);
  return res.blob();
}
