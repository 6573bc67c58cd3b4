import type { z } from 'zod';

/** A zod failure as one message per field (the first, which is the one to fix first), keyed like the API's `details[].field`. */
export function issuesByField(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
