import { stripUnsafeText, unsafeCharIn } from './text-safety';
import { squish } from './text';

describe('unsafe characters in text', () => {
  const refused = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u061c', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069'];
  const kept = ['\t', '\n', '\r', 'ñ', 'Á', '\u00ad', '\u200d', '👩‍💻', '¿¡', '—'];

  it('names the first control or bidirectional character', () => {
    for (const c of refused) expect(unsafeCharIn(`a${c}b`)).toBe(`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    expect(unsafeCharIn('factura\u202efdp.exe')).toBe('U+202E');
    for (const c of kept) expect(unsafeCharIn(`a${c}b`)).toBeUndefined();
  });

  it('strips them, and so does squish (the importers read every cell through it)', () => {
    expect(stripUnsafeText(`a${refused.join('')}b`)).toBe('ab');
    expect(squish(' Acci\u0000ón\u202e de  la\tUnidad ')).toBe('Acción de la Unidad');
  });
});
