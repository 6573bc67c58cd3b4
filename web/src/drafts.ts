import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { textInput } from './forms';

/*
 * What a person types survives a session that ends mid-form: every form keeps
 * its values in sessionStorage under its page address (never tokens), restores
 * them when the page opens again, and forgets them once saved.
 */
const PREFIX = 'asm:borrador:';

export function draftKey(pathname: string, form = 'form'): string {
  return `${PREFIX}${pathname}#${form}`;
}

function read<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The fields of `T` that hold text. */
type TextField<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/**
 * Form state backed by a draft. `initial` is used when there is no draft;
 * `hasDraft` says whether the values came from one.
 */
export function useDraft<T extends object>(initial: T, form = 'form') {
  const { pathname } = useLocation();
  const key = draftKey(pathname, form);
  // The draft as it was when the form opened (read once).
  const [saved] = useState(() => read<T>(key));
  const [values, setValues] = useState<T>(() => (saved ? { ...initial, ...saved } : initial));
  const [touched, setTouched] = useState(Boolean(saved));

  useEffect(() => {
    if (touched) sessionStorage.setItem(key, JSON.stringify(values));
  }, [key, values, touched]);

  const set = useCallback(<K extends keyof T>(field: K, value: T[K]) => {
    setTouched(true);
    setValues((v) => ({ ...v, [field]: value }));
  }, []);

  /** Replaces every value (server data arriving) unless the person already typed. */
  const reset = useCallback(
    (next: T, force = false) => {
      if (touched && !force) return;
      setValues(next);
    },
    [touched],
  );

  /** The props that bind a text input to a text field. */
  const bind = <K extends TextField<T>>(field: K) => textInput(values[field] as string, (value) => set(field, value as T[K]));
  /** The props that bind a Select to a text field ('' while nothing is chosen). */
  const choice = <K extends TextField<T>>(field: K) => ({
    value: (values[field] as string) || null,
    onChange: (value: string | null) => set(field, (value ?? '') as T[K]),
  });

  const clear = useCallback(() => {
    sessionStorage.removeItem(key);
    setTouched(false);
  }, [key]);

  return { values, set, bind, choice, setValues: (v: T) => (setTouched(true), setValues(v)), reset, clear, hasDraft: Boolean(saved), touched };
}
