import type ExcelJS from 'exceljs';
import { format as formatNumber } from 'numfmt';
import { lazy } from '../../common/lazy';
import { fromDmy } from '../../common/dates';
import { foldText, squish } from '../../common/text';
import { assertXlsxWithinLimits } from './xlsx-limits';
import { EMPTY_COMMITMENTS_SENTENCE, EMPTY_CYCLE_SENTENCE, HEADING_VARIANTS, TITLE_ESPECIFICO, TITLE_INSTITUCIONAL } from '../reporting/documents/headings';
import { formatPromedio, promedioHundredths } from '../asm/promedio';
import { ImportAsm, ImportProblem } from './import-model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const exceljs = lazy(() => require('exceljs') as typeof ExcelJS);

/** What the official documents do not print and an import must be told: the program's ramo and institution. */
export interface OfficialImportOptions {
  ramoCode: string;
  ramoName?: string;
  institutionAcronym: string;
  institutionName?: string;
}

export interface OfficialParse {
  asms: ImportAsm[];
  problems: ImportProblem[];
  rowsRead: number;
  cycles: string[];
}

type Field = keyof typeof HEADING_VARIANTS;
const REQUIRED: Field[] = ['programa', 'asm', 'acciones', 'areasResponsables', 'fechaTermino', 'resultados', 'productos'];
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const FIELD_BY_HEADING = new Map<string, Field>();
for (const [field, variants] of Object.entries(HEADING_VARIANTS)) for (const v of variants) FIELD_BY_HEADING.set(foldText(v), field);

/** A line (text) or row (XLSX) of the document, as cells. */
interface Line {
  n: number;
  cells: string[];
}

interface RawRow {
  n: number;
  cycle: string;
  values: Partial<Record<Field, string>>;
  /** Heading text per field, for messages. */
  headings: Partial<Record<Field, string>>;
}

/** Splits a responsible-areas cell typed by hand: "/" or ". " between names. */
export function splitAreas(cell: string): string[] {
  return cell
    .split('/')
    .flatMap((p) => p.split(/\.\s+(?=\p{Lu})/u))
    .map((p) => squish(p))
    .filter((p) => p.length > 0);
}

/**
 * Reads the official format (the text of a published document, tab-separated,
 * or an institution's XLSX): title block, sections per cycle, heading rows
 * (any wording variant), rows of ASMs and actions. Merged cells that come back
 * empty (No., Programa, ASM) continue the row above; rows where only
 * Observaciones has text are page-break continuations and are joined back into
 * the row above with one space.
 */
function parseLines(lines: Line[], opts: OfficialImportOptions): OfficialParse {
  const problems: ImportProblem[] = [];
  const bad = (row: number | null, column: string | null, problem: string) => problems.push({ row, column, problem });
  let classification: 'institucional' | 'especifico' | undefined;
  let cycle: string | undefined;
  let header: Map<number, Field> | undefined;
  let headings: Partial<Record<Field, string>> = {};
  const cycles: string[] = [];
  const rows: RawRow[] = [];
  for (const line of lines) {
    const cells = line.cells.map((c) => c ?? '');
    const nonEmpty = cells.map((c, i) => [i, squish(c)] as const).filter(([, c]) => c);
    if (nonEmpty.length === 0) continue;
    const first = nonEmpty[0][1];
    const folded = foldText(first);
    if (nonEmpty.length === 1) {
      if (folded === foldText(TITLE_INSTITUCIONAL)) classification = 'institucional';
      else if (folded === foldText(TITLE_ESPECIFICO)) classification = 'especifico';
      const periodo = /^periodo (\d{4}-\d{4})$/.exec(folded);
      if (periodo) {
        cycle = periodo[1];
        cycles.push(cycle);
        header = undefined;
        continue;
      }
      const sentence = [EMPTY_CYCLE_SENTENCE, ...Object.values(EMPTY_COMMITMENTS_SENTENCE)].some((x) => folded === foldText(x));
      if (sentence || folded.startsWith('formato oficial emitido') || folded.startsWith('ano de elaboracion')) continue;
      if (!cycle) continue; // the title block
    }
    // A heading row: every non-empty cell is a known heading.
    const asHeadings = nonEmpty.map(([i, c]) => [i, FIELD_BY_HEADING.get(foldText(c))] as const);
    if (nonEmpty.length >= 3 && foldText(first).replace(/\.$/, '') === 'no') {
      const unknown = nonEmpty.filter(([i]) => !asHeadings.find(([j, f]) => j === i && f));
      for (const [i, c] of unknown) bad(line.n, columnName(i), `Encabezado no reconocido "${c}".`);
      header = new Map(asHeadings.filter(([, f]) => f).map(([i, f]) => [i, f!]));
      headings = Object.fromEntries(nonEmpty.filter(([i]) => header!.has(i)).map(([i, c]) => [header!.get(i)!, c]));
      const present = new Set(header.values());
      for (const f of REQUIRED) if (!present.has(f)) bad(line.n, HEADING_VARIANTS[f][0], `Falta la columna "${HEADING_VARIANTS[f][0]}" en los encabezados.`);
      continue;
    }
    if (!cycle) {
      bad(line.n, null, 'Fila de datos antes de cualquier "Periodo AAAA-AAAA"; no se sabe a qué ciclo pertenece.');
      continue;
    }
    if (!header) {
      bad(line.n, null, 'Fila de datos sin fila de encabezados antes; agrega los encabezados del formato oficial.');
      continue;
    }
    const values: Partial<Record<Field, string>> = {};
    for (const [i, f] of header) values[f] = squish(cells[i] ?? '');
    const filled = Object.keys(values).filter((f) => values[f]);
    if (filled.length === 1 && filled[0] === 'observaciones' && rows.length) {
      const prev = rows[rows.length - 1];
      prev.values.observaciones = squish(`${prev.values.observaciones ?? ''} ${values.observaciones}`);
      continue;
    }
    rows.push({ n: line.n, cycle, values, headings });
  }
  if (!classification) classification = 'institucional';
  if (rows.length === 0 && problems.length === 0) bad(null, null, 'No se encontraron filas de ASM en el documento.');
  return { ...group(rows, classification, opts, bad), problems, rowsRead: lines.length, cycles };
}

function columnName(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `columna ${s}`;
}

function group(
  rows: RawRow[],
  classification: 'institucional' | 'especifico',
  opts: OfficialImportOptions,
  bad: (row: number | null, column: string | null, problem: string) => void,
): { asms: ImportAsm[] } {
  const asms: ImportAsm[] = [];
  let program: { modality: string; code: string; name: string } | undefined;
  let current: (ImportAsm & { promedioCell?: string; promedioRow: number }) | undefined;
  let corte: { year: number; month: number } | undefined;
  const close = () => {
    if (!current) return;
    const h = promedioHundredths(current.actions);
    if (current.promedioCell && h !== null && squish(current.promedioCell) !== formatPromedio(h)) {
      bad(current.promedioRow, 'Promedio', `El promedio ${current.promedioCell} no corresponde al de sus acciones (${formatPromedio(h)}).`);
    }
    current.status = h === 10000 ? 'concluido' : current.actions.some((a) => a.percent > 0) ? 'en_proceso' : 'comprometido';
    if (current.status === 'concluido' && corte) current.concludedIn = corte;
    asms.push(current);
    current = undefined;
  };
  let lastCycle = '';
  for (const r of rows) {
    const v = r.values;
    const head = (f: Field) => r.headings[f] ?? HEADING_VARIANTS[f][0];
    const need = (f: Field): string => {
      const x = v[f] ?? '';
      if (!x) bad(r.n, head(f), 'Celda obligatoria vacía.');
      return x;
    };
    if (r.cycle !== lastCycle) {
      close();
      program = undefined;
      lastCycle = r.cycle;
    }
    if (v.programa) {
      const m = /^([A-Z])-?(\d{3})\s+(.+)$/.exec(v.programa);
      if (!m) bad(r.n, head('programa'), `Programa no reconocido "${v.programa}" (se espera la clave y el nombre, p. ej. "S-038 Programa IMSS-BIENESTAR").`);
      else {
        if (program && (program.modality !== m[1] || program.code !== m[2])) close();
        program = { modality: m[1], code: m[2], name: m[3] };
      }
    }
    if (!program) {
      need('programa');
      continue;
    }
    const newAsm = Boolean(v.asm) && (!current || squish(v.asm!) !== current.text || Boolean(v.no && v.programa && current.actions.length === 0));
    if (newAsm || !current) {
      close();
      const text = need('asm');
      const coordinating = classification === 'institucional' ? need('areaCoordinadora') : v.areaCoordinadora || null;
      current = {
        row: r.n,
        program: {
          ramoCode: opts.ramoCode.padStart(2, '0'),
          ramoName: opts.ramoName ?? `Ramo ${opts.ramoCode}`,
          institutionAcronym: opts.institutionAcronym,
          institutionName: opts.institutionName ?? opts.institutionAcronym,
          modality: program.modality,
          code: program.code,
          name: program.name,
        },
        cycle: r.cycle,
        text,
        classification,
        coordinatingArea: coordinating,
        status: 'comprometido',
        actions: [],
        promedioCell: v.promedio,
        promedioRow: r.n,
      };
    }
    // The action of this row.
    const description = need('acciones');
    const areasCell = need('areasResponsables');
    const dueCell = need('fechaTermino');
    const dueDate = dueCell ? (fromDmy(dueCell) ?? null) : null;
    if (dueCell && !dueDate) bad(r.n, head('fechaTermino'), `Fecha no válida "${dueCell}" (se espera dd/mm/aaaa con una fecha que exista).`);
    const expectedResults = need('resultados');
    const products = need('productos');
    let percent = 0;
    if ('avance' in v) {
      const p = need('avance');
      if (p && (!/^\d{1,3}$/.test(p) || Number(p) > 100)) bad(r.n, head('avance'), `Porcentaje no válido "${p}" (se espera un entero de 0 a 100).`);
      else percent = Number(p);
    }
    if (v.mesAnio) {
      const m = /^([a-z]+)-(\d{4})$/.exec(foldText(v.mesAnio));
      const month = m ? MONTHS.indexOf(m[1]) + 1 : 0;
      if (!m || month === 0) bad(r.n, head('mesAnio'), `Mes y año no reconocido "${v.mesAnio}" (se espera, p. ej., Septiembre-2022).`);
      else corte = { year: Number(m[2]), month };
    }
    current.actions.push({
      description,
      responsibleAreas: splitAreas(areasCell),
      dueDate,
      expectedResults: expectedResults || null,
      products: products || null,
      percent,
      proofDocumentName: v.nombreDocumento || null,
      proofDocumentLocation: v.ubicacionDocumento || null,
      observations: v.observaciones || null,
    });
  }
  close();
  return { asms };
}

/** The text of a published document: tab-separated cells, one line per row. */
export function parseOfficialText(content: Buffer, opts: OfficialImportOptions): OfficialParse {
  const text = content.toString('utf8').replace(/^\ufeff/, '');
  const lines = text.split(/\r?\n/).map((l, i) => ({ n: i + 1, cells: l.split('\t') }));
  return parseLines(lines, opts);
}

/** What the cell displays: a number through its number format (98 with '0' is "98", 0.98 with '0.00%' is "98.00%"). */
function displayedText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (typeof v === 'number' && cell.numFmt && cell.numFmt !== 'General') return formatNumber(cell.numFmt, v);
  return cellText(v);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const dd = String(v.getUTCDate()).padStart(2, '0');
    const mm = String(v.getUTCMonth() + 1).padStart(2, '0');
    return `${dd}/${mm}/${v.getUTCFullYear()}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/** An institution's XLSX in the official layout (first worksheet). */
export async function parseOfficialXlsx(content: Buffer, opts: OfficialImportOptions): Promise<OfficialParse> {
  await assertXlsxWithinLimits(content);
  const wb = new (exceljs().Workbook)();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return {
      asms: [],
      rowsRead: 0,
      cycles: [],
      problems: [{ row: null, column: null, problem: 'El archivo no es un libro de Excel (.xlsx) válido; guárdalo como .xlsx y vuelve a intentarlo.' }],
    };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { asms: [], rowsRead: 0, cycles: [], problems: [{ row: null, column: null, problem: 'El libro no tiene hojas.' }] };
  const lines: Line[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      // Merged cells carry their text on the master cell only; the rest read as empty (continuations).
      cells.push(cell.isMerged && cell.master !== cell ? '' : displayedText(cell));
    }
    lines.push({ n, cells });
  });
  return parseLines(lines, opts);
}
