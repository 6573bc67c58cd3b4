import { stripUnsafeText, unsafeCharIn } from '../../common/text-safety';

/**
 * A name that tries to be a path, or carries control characters (bidirectional
 * ones included, which disguise "fdp.exe" as "exe.pdf"), is refused outright
 * rather than silently repaired: it is never a real document's name.
 */
export function isHostileFileName(raw: string | undefined): boolean {
  if (!raw) return false;
  return /[\\/]/.test(raw) || unsafeCharIn(raw) !== undefined || /^\.+$/.test(raw.trim());
}

/**
 * The original file name, kept only as a display name: no directories, no
 * control or reserved characters, no leading dots, at most 200 characters
 * (keeping the extension), normalised to NFC.
 */
export function sanitizeFileName(raw: string | undefined): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  name = stripUnsafeText(name)
    // What stripUnsafeText leaves of the control characters (TAB, LF, CR): none belongs in a file name.
    .replace(/\p{Cc}/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (name.length > 200) {
    const ext = /\.[^.]{1,8}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, 200 - ext.length).trimEnd() + ext;
  }
  return name || 'archivo';
}

/** Content-Disposition for a download: an ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
