import { ApiError, NETWORK_MESSAGE } from './errors';
import { refresh, session } from './session';
import type { Evidence } from './types';

/**
 * Uploads one evidence file with XMLHttpRequest, whose upload events give a
 * per-file progress bar (fetch has none). A 401 renews the session once and
 * sends the file again.
 */
export function uploadEvidence(avanceId: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Evidence> {
  const attempt = () =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/v1/avances/${avanceId}/evidence`);
      const token = session.token();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_MESSAGE));
      xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'Carga cancelada.'));
      signal?.addEventListener('abort', () => xhr.abort());
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  return (async () => {
    let r = await attempt();
    if (r.status === 401 && (await refresh())) {
      onProgress(0);
      r = await attempt();
    }
    if (r.status >= 200 && r.status < 300) return r.body as Evidence;
    const b = (r.body ?? {}) as { code?: string; message?: string; details?: ApiError['details'] };
    throw new ApiError(r.status, b.code ?? `HTTP_${r.status}`, b.message ?? `El servidor respondió ${r.status}.`, b.details ?? []);
  })();
}
