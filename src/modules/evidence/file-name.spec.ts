import { contentDisposition, isHostileFileName, sanitizeFileName } from './file-name';

describe('evidence file names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['informe\u0000\u0007 final\r\n.pdf', 'informe final.pdf'],
    ['...oculto.pdf', 'oculto.pdf'],
    ['a<b>c:d"e|f?g*.pdf', 'a_b_c_d_e_f_g_.pdf'],
    ['Evaluación de diseño — año 2022.pdf', 'Evaluación de diseño — año 2022.pdf'],
    ['factura\u202efdp.exe', 'facturafdp.exe'],
    ['informe\u2066\u200f.pdf', 'informe.pdf'],
    ['', 'archivo'],
    ['../', 'archivo'],
  ])('keeps only a safe display name: %j → %j', (name, safe) => {
    expect(sanitizeFileName(name)).toBe(safe);
  });

  it('cuts a long name to 200 characters, keeping its extension', () => {
    const long = sanitizeFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it.each<[string | undefined, boolean]>([
    ['../../etc/passwd', true],
    ['C:\\Users\\informe.pdf', true],
    ['informe\u0007.pdf', true],
    ['..', true],
    ['factura\u202efdp.exe', true],
    ['oficio\u061c.pdf', true],
    ['Informe: versión final (2).pdf', false],
    [undefined, false],
  ])('recognises names that try to be paths or carry control characters: %j is hostile: %s', (name, hostile) => {
    expect(isHostileFileName(name)).toBe(hostile);
  });

  it('writes a Content-Disposition that keeps accents and cannot break the header', () => {
    expect(contentDisposition('Evaluación "final".pdf')).toBe(
      `attachment; filename="Evaluacion _final_.pdf"; filename*=UTF-8''Evaluaci%C3%B3n%20%22final%22.pdf`,
    );
  });
});
