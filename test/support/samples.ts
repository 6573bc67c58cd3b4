/** Small real files for upload and import tests. */

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A minimal one-page PDF. */
export function pdf(text = 'Evidencia'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** The start of a Windows executable (MZ … PE), as a renamed .exe would carry. */
export const EXE = Buffer.concat([
  Buffer.from(
    '4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000000000000000000000000000000000000000000000000000800000000e1fba0e00b409cd21b8014ccd21546869732070726f6772616d2063616e6e6f742062652072756e20696e20444f53206d6f64652e0d0d0a2400000000000000504500004c010300',
    'hex',
  ),
  Buffer.alloc(4096, 0),
]);

/** The column headings of the official format, word for word as its published documents print them. */
const OFFICIAL_HEADINGS = [
  'No.',
  'Programa',
  'Aspecto Susceptible de Mejora',
  'Área Coordinadora',
  'Acciones a Emprender',
  'Áreas Responsables',
  'Fecha de Término',
  'Resultados Esperados',
  'Productos y/o Evidencias',
  '% de Avance de la Acción',
  'Nombre del Documento Probatorio',
  'Ubicación del Documento Aprobatorio',
  'Observaciones',
  'Mes y Año',
  'Promedio',
];

/** A document in the official format (tab-separated text) with one ASM of program S-038 and one action, for an import. */
export function officialText(o: { asm: string; coordinatingArea: string; responsibleArea: string }): Buffer {
  const row = [
    '1',
    'S-038 Programa',
    o.asm,
    o.coordinatingArea,
    'Acción',
    o.responsibleArea,
    '31/12/2030',
    'Resultados',
    'Productos',
    '10',
    '',
    '',
    '',
    'Marzo-2031',
    '10.00%',
  ];
  return Buffer.from(['Periodo 2021-2022', OFFICIAL_HEADINGS.join('\t'), row.join('\t')].join('\n'));
}
