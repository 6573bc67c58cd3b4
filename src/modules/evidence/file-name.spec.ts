import { contentDisposition, isHostileFileName, sanitizeFileName } from './file-name';

describe('evidence file names', () => {
  it('keeps only a safe display name', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\windows\\system.ini')).toBe('system.ini');
    expect(sanitizeFileName('informe\u0000\u0007 final\r\n.pdf')).toBe('informe final.pdf');
    expect(sanitizeFileName('...oculto.pdf')).toBe('oculto.pdf');
    expect(sanitizeFileName('a<b>c:d"e|f?g*.pdf')).toBe('a_b_c_d_e_f_g_.pdf');
    expect(sanitizeFileName('Evaluación de diseño — año 2022.pdf')).toBe('Evaluación de diseño — año 2022.pdf');
    expect(sanitizeFileName('factura\u202efdp.exe')).toBe('facturafdp.exe');
    expect(sanitizeFileName('informe\u2066\u200f.pdf')).toBe('informe.pdf');
    expect(sanitizeFileName('')).toBe('archivo');
    expect(sanitizeFileName('../')).toBe('archivo');
    const long = sanitizeFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('recognises names that try to be paths or carry control characters', () => {
    expect(isHostileFileName('../../etc/passwd')).toBe(true);
    expect(isHostileFileName('C:\\Users\\informe.pdf')).toBe(true);
    expect(isHostileFileName('informe\u0007.pdf')).toBe(true);
    expect(isHostileFileName('..')).toBe(true);
    expect(isHostileFileName('factura\u202efdp.exe')).toBe(true);
    expect(isHostileFileName('oficio\u061c.pdf')).toBe(true);
    expect(isHostileFileName('Informe: versión final (2).pdf')).toBe(false);
    expect(isHostileFileName(undefined)).toBe(false);
  });

  it('writes a Content-Disposition that keeps accents and cannot break the header', () => {
    expect(contentDisposition('Evaluación "final".pdf')).toBe(
      `attachment; filename="Evaluacion _final_.pdf"; filename*=UTF-8''Evaluaci%C3%B3n%20%22final%22.pdf`,
    );
  });
});
