/** The one error shape of the API: { code, message, details }, with a Spanish message. */
export interface ApiErrorDetail {
  field?: string;
  message: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }

  /** Someone else changed the record: offer to reload, keeping what was typed. */
  get isConflict(): boolean {
    return this.status === 409 && (this.code === 'VERSION_CONFLICT' || this.code === 'CONCURRENT_UPDATE');
  }

  get isForbidden(): boolean {
    return this.status === 403;
  }

  /** Server messages per form field (the field's machine name, e.g. "percent" or "actions[1].dueDate"). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (d.field && !out[d.field]) out[d.field] = d.message;
    return out;
  }
}

export const NETWORK_MESSAGE = 'No hay conexión con el servidor. Revisa tu red e intenta de nuevo; lo que escribiste se conserva.';

export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const b = (body ?? {}) as { code?: string; message?: string; details?: ApiErrorDetail[] };
  return new ApiError(
    res.status,
    b.code ?? `HTTP_${res.status}`,
    b.message ?? `El servidor respondió ${res.status}; intenta de nuevo en unos minutos.`,
    Array.isArray(b.details) ? b.details : [],
  );
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof TypeError) return NETWORK_MESSAGE;
  return err instanceof Error ? err.message : String(err);
}
