import { stripUnsafeText } from './text-safety';

/**
 * Normalised key of a name, so that hand-typed variants match one record:
 * trimmed, runs of white space collapsed, a trailing period dropped, compared
 * case- and accent-insensitively ("Padrón de beneficiarios." = "Padron de Beneficiarios").
 */
export function nameKey(name: string): string {
  return foldText(name).replace(/\.+$/, '').trim();
}

/** Lower case, no accents, single spaces: the form text search compares. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapse runs of white space (line breaks included) into one space and trim; control and bidirectional characters go. */
export function squish(text: string): string {
  return stripUnsafeText(text).replace(/\s+/g, ' ').trim();
}
