/**
 * Characters no text of the system may hold: the C0 and C1 control
 * characters (TAB, LF and CR excepted), DEL, and the invisible controls of
 * bidirectional text, which can disguise a name ("factura\u202Efdp.exe"
 * shows as "facturaexe.pdf") in the UI and in e-mails. NUL also cannot be
 * stored by PostgreSQL.
 */
const UNSAFE = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const UNSAFE_ONE = new RegExp(`[${UNSAFE}]`);
const UNSAFE_ALL = new RegExp(`[${UNSAFE}]`, 'g');

/** The first unsafe character of `s`, as U+XXXX, if any. */
export function unsafeCharIn(s: string): string | undefined {
  const m = UNSAFE_ONE.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** `s` without its unsafe characters (for text that arrives in files: imports, file names). */
export function stripUnsafeText(s: string): string {
  return s.replace(UNSAFE_ALL, '');
}
