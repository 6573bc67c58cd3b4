import { DEFAULT_HEADINGS, HeadingKey, TITLE_ESPECIFICO, TITLE_INSTITUCIONAL } from './headings';

/** The documents of the mechanism this system produces. */
export const DOCUMENT_KINDS = ['avance-institucional', 'avance-trabajo', 'documento-institucional', 'documento-trabajo'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface Layout {
  kind: DocumentKind;
  classification: 'institucional' | 'especifico';
  /** Third line of the title block. */
  name: string;
  title: string;
  columns: HeadingKey[];
  /** Whether the document reports progress (an avance) or only the commitments. */
  progress: boolean;
  /** Relative column widths (XLSX characters; PDF uses them proportionally). */
  widths: number[];
}

const WIDTH: Record<HeadingKey, number> = {
  no: 5,
  programa: 22,
  asm: 34,
  areaCoordinadora: 22,
  acciones: 34,
  actividades: 34,
  areasResponsables: 24,
  areaResponsable: 24,
  fechaTermino: 14,
  resultados: 30,
  productos: 26,
  avance: 10,
  nombreDocumento: 24,
  ubicacionDocumento: 20,
  observaciones: 40,
  mesAnio: 23,
  promedio: 12,
};

function layout(kind: DocumentKind, classification: Layout['classification'], name: string, progress: boolean, columns: HeadingKey[]): Layout {
  return {
    kind,
    classification,
    name,
    title: classification === 'institucional' ? TITLE_INSTITUCIONAL : TITLE_ESPECIFICO,
    columns,
    progress,
    widths: columns.map((c) => WIDTH[c]),
  };
}

/** The columns of the plan of each kind of document: the Documento Institucional's and the Documento de Trabajo's. */
const INSTITUTIONAL_COLUMNS: HeadingKey[] = [
  'no',
  'programa',
  'asm',
  'areaCoordinadora',
  'acciones',
  'areasResponsables',
  'fechaTermino',
  'resultados',
  'productos',
];
const WORK_COLUMNS: HeadingKey[] = ['no', 'programa', 'asm', 'actividades', 'areaResponsable', 'fechaTermino', 'resultados', 'productos'];
/** The columns a progress report (avance) adds after the plan's. */
const PROGRESS_COLUMNS: HeadingKey[] = ['avance', 'nombreDocumento', 'ubicacionDocumento', 'observaciones', 'mesAnio', 'promedio'];

export const LAYOUTS: Record<DocumentKind, Layout> = {
  'avance-institucional': layout('avance-institucional', 'institucional', 'Avance del Documento Institucional', true, [
    ...INSTITUTIONAL_COLUMNS,
    ...PROGRESS_COLUMNS,
  ]),
  'avance-trabajo': layout('avance-trabajo', 'especifico', 'Avance del Documento de Trabajo', true, [...WORK_COLUMNS, ...PROGRESS_COLUMNS]),
  'documento-institucional': layout('documento-institucional', 'institucional', 'Documento Institucional', false, INSTITUTIONAL_COLUMNS),
  'documento-trabajo': layout('documento-trabajo', 'especifico', 'Documento de Trabajo', false, WORK_COLUMNS),
};

/** Columns merged over a program's rows, and over an ASM's rows. */
export const PROGRAM_SPAN: HeadingKey[] = ['no', 'programa'];
export const ASM_SPAN: HeadingKey[] = ['asm', 'areaCoordinadora', 'promedio'];

export function headingTexts(l: Layout, overrides: Partial<Record<HeadingKey, string>>): string[] {
  return l.columns.map((c) => overrides[c] ?? DEFAULT_HEADINGS[c]);
}
