import { useState } from 'react';
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

/** The props that show `value` in a text input (TextInput, Textarea, PasswordInput) and pass what is typed to `onChange`. */
export function textInput(value: string, onChange: (value: string) => void) {
  return { value, onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value) };
}

/**
 * The state of a form that is checked with zod and then sent: its field errors, the failure of the
 * last attempt (`F`: the error itself, or its message) and whether it is being sent.
 */
export function useSubmission<F = unknown>() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<F | null>(null);
  const [busy, setBusy] = useState(false);

  /** Checks `values`: with a field error, shows it and gives undefined; else clears the last errors, marks the form busy and gives the parsed values. */
  function begin<T>(schema: z.ZodType<T>, values: unknown): T | undefined {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error));
      return undefined;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    return parsed.data;
  }

  return { errors, setErrors, failure, setFailure, busy, setBusy, begin };
}
