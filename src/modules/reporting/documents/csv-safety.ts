/**
 * CSV injection (OWASP): spreadsheets read a cell that starts with =, +, -, @,
 * TAB or CR as a formula. Such a cell is written with a leading apostrophe,
 * unless it is a plain number ("-5", "+10", "98.00%"), which stays a number.
 * One rule for both CSV paths: the row writer (neutralizeFormula) and the
 * closed cut's COPY (neutralizeFormulaSql), held byte-equal by a test.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?%?$/;

export function neutralizeFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/**
 * The same rule over a SQL text expression (NULL stays NULL). The six
 * characters are 9, 13, 43, 45, 61 and 64: most texts start above 64, so one
 * comparison decides most cells (COPY evaluates this for every text cell).
 */
export function neutralizeFormulaSql(expr: string): string {
  return `CASE WHEN ascii(${expr}) <= 64 AND ascii(${expr}) IN (9, 13, 43, 45, 61, 64) AND ${expr} !~ '^[+-]?[0-9]+([.][0-9]+)?%?$' THEN '''' || ${expr} ELSE ${expr} END`;
}

/**
 * Version of each format's writer, stored with every document recorded for a
 * closed cut: a later production whose bytes differ from the recorded ones is
 * explained (and recorded as a revision) only when the writer changed since.
 */
export const WRITER_VERSION = { xlsx: 2, pdf: 1, csv: 2 } as const;

/** Why the bytes of a format changed, by the version that changed them. */
export const WRITER_CHANGES: Record<string, string> = {
  'csv:2':
    'Neutralización de fórmulas (OWASP): las celdas que empiezan con =, +, -, @, tabulador o retorno de carro, salvo números, se escriben con un apóstrofo al inicio.',
  'xlsx:2':
    'Celdas con tipo: % de avance y Promedio se guardan como números y Fecha de Término como fecha, con formatos que muestran el mismo texto que antes (98, 98.00%, 30/09/2022).',
};
