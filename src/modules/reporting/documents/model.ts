import { toDmy } from '../../../common/dates';
import { EMPTY_COMMITMENTS_SENTENCE, EMPTY_CYCLE_SENTENCE, FOOTER_TEXT, HeadingKey } from './headings';
import { Layout } from './layout';

/** One action row of a document, as read from a snapshot or from live data. */
export interface SourceRow {
  cycleLabel: string;
  programId: string;
  programKey: string;
  programName: string;
  asmId: string;
  asmText: string;
  coordinatingArea: string;
  actionDescription: string;
  responsibleAreas: string;
  dueDate: string | null;
  expectedResults: string;
  products: string;
  percent: number | null;
  proofDocumentName: string;
  proofDocumentLocation: string;
  observations: string;
  monthYear: string;
  /** '98.00' */
  promedio: string | null;
}

/** A snapshot row (corte_snapshot_rows, or the live rows shaped like one) read as a SourceRow. */
export const SNAPSHOT_SOURCE_COLUMNS = `cycle_label AS "cycleLabel", program_id AS "programId", program_key AS "programKey", program_name AS "programName",
  asm_id AS "asmId", asm_text AS "asmText", coordinating_area AS "coordinatingArea", action_description AS "actionDescription",
  responsible_areas AS "responsibleAreas", due_date::text AS "dueDate", expected_results AS "expectedResults", products, percent,
  proof_document_name AS "proofDocumentName", proof_document_location AS "proofDocumentLocation", observations,
  month_year AS "monthYear", promedio::text AS promedio`;

/** An ASM with its action rows, ready to print. */
export interface AsmBlock {
  /** Sequence of the program within its section (the "No." column). */
  no: number;
  /** True for the first ASM of a program in the section. */
  programStarts: boolean;
  programa: string;
  cells: string[][];
}

export type DocEvent = { t: 'section'; label: string } | { t: 'empty' } | { t: 'asm'; block: AsmBlock } | { t: 'end-section' };

export interface DocumentHeader {
  titleLines: [string, string, string];
  headings: string[];
  /** "Año de elaboración: 2022" */
  yearLine: string;
  footer: string;
  emptySentence: string;
  preview: boolean;
}

export function documentHeader(l: Layout, institutionName: string, headings: string[], year: number, preview: boolean): DocumentHeader {
  return {
    titleLines: [l.title, institutionName, l.name],
    headings,
    yearLine: `Año de elaboración: ${year}`,
    footer: FOOTER_TEXT,
    emptySentence: l.progress ? EMPTY_CYCLE_SENTENCE : EMPTY_COMMITMENTS_SENTENCE[l.classification],
    preview,
  };
}

export const PREVIEW_NOTICE = 'VISTA PREVIA: el corte sigue abierto; las cifras pueden cambiar hasta que se cierre.';

function cell(key: HeadingKey, no: number, programa: string, r: SourceRow): string {
  switch (key) {
    case 'no':
      return String(no);
    case 'programa':
      return programa;
    case 'asm':
      return r.asmText;
    case 'areaCoordinadora':
      return r.coordinatingArea;
    case 'acciones':
    case 'actividades':
      return r.actionDescription;
    case 'areasResponsables':
    case 'areaResponsable':
      return r.responsibleAreas;
    case 'fechaTermino':
      return r.dueDate ? toDmy(r.dueDate) : '';
    case 'resultados':
      return r.expectedResults;
    case 'productos':
      return r.products;
    case 'avance':
      return r.percent === null ? '' : String(r.percent);
    case 'nombreDocumento':
      return r.proofDocumentName;
    case 'ubicacionDocumento':
      return r.proofDocumentLocation;
    case 'observaciones':
      return r.observations;
    case 'mesAnio':
      return r.monthYear;
    case 'promedio':
      return r.promedio === null ? '' : `${r.promedio}%`;
  }
}

/**
 * Turns rows ordered by cycle (newest first), program and ASM into the
 * document's structure: one section per cycle of `cycles` (newest first), the
 * empty-cycle sentence where a cycle has no row, programs numbered within
 * their section, each ASM with its action rows.
 */
export async function* documentEvents(l: Layout, cycles: string[], rows: AsyncIterable<SourceRow>): AsyncGenerator<DocEvent> {
  const it = rows[Symbol.asyncIterator]();
  let pending: SourceRow | undefined;
  const next = async () => {
    if (pending) {
      const p = pending;
      pending = undefined;
      return p;
    }
    const n = await it.next();
    return n.done ? undefined : n.value;
  };
  const known = new Set(cycles);
  for (const cycle of cycles) {
    yield { t: 'section', label: cycle };
    let no = 0;
    let lastProgram: string | undefined;
    let block: AsmBlock | undefined;
    let lastAsm: string | undefined;
    let any = false;
    for (;;) {
      const r = await next();
      // Rows of cycles not printed (none when `cycles` holds them all) are skipped.
      if (r && !known.has(r.cycleLabel)) continue;
      if (!r || r.cycleLabel !== cycle) {
        pending = r;
        break;
      }
      any = true;
      if (r.asmId !== lastAsm) {
        if (block) yield { t: 'asm', block };
        const programStarts = r.programId !== lastProgram;
        if (programStarts) no += 1;
        lastProgram = r.programId;
        lastAsm = r.asmId;
        block = { no, programStarts, programa: `${r.programKey} ${r.programName}`, cells: [] };
      }
      block!.cells.push(l.columns.map((c) => cell(c, no, block!.programa, r)));
    }
    if (block) yield { t: 'asm', block };
    if (!any) yield { t: 'empty' };
    yield { t: 'end-section' };
  }
}
