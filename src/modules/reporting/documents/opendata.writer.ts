import type { Writable } from 'node:stream';
import { toDmy } from '../../../common/dates';
import { promedioHundredths } from '../../asm/promedio';
import { csvLine, writeChunk } from './csv.writer';

/** AVANCE_ASM values of SHCP's open data that mean the ASM left the mechanism (the SHCP importer reads them too). */
export const CANCEL_MARKERS = ['CANCELADO', 'Cancelado', 'ASM dado de baja', 'FUSIONADO'];

/** One ASM of a cut, with the fields of SHCP's open-data layout. */
export interface OpenDataRow {
  asmId: string;
  cycleLabel: string;
  classification: string;
  programName: string;
  asmText: string;
  promedio: string | null;
  evidence: string;
  extra: Record<string, string | number | null>;
}

/** The columns of SHCP's public ASM file (column 13, whose header the published copy lost, is DESC_ASM). */
export const OPEN_DATA_COLUMNS = [
  'CICLO',
  'TRIMESTRE',
  'ID_RAMO',
  'DESC_RAMO',
  'ACRON_DEP_ENT',
  'DESC_DEP_ENT',
  'MODALIDAD_PP',
  'DESC_PP',
  'INST_COORD',
  'ANIO_RECOMENDACION',
  'ORIGEN_RECOMENDACION',
  'ID_ASM',
  'DESC_ASM',
  'GASTO_FEDERALIZADO',
  'TIPO_ASM',
  'TEMA_ASM',
  'TIPO_MEJORA',
  'PRIORIDAD',
  'AVANCE_ASM',
  'FECHA_REPORTE',
  'EVIDENCIA',
];

const TIPO_ASM: Record<string, string> = {
  especifico: 'Específico',
  institucional: 'Institucional',
  interinstitucional: 'Interinstitucional',
  intergubernamental: 'Intergubernamental',
};
const PRIORIDAD: Record<string, string> = { alta: 'Alta', media: 'Media', baja: 'Baja', nd: 'N/D' };
const capital = (s: string | null | undefined) => (s ? s[0].toUpperCase() + s.slice(1) : 'N/D');

/** "98.00" → "98", "47.50" → "47.5": the publisher prints plain numbers. */
function plain(n: string | null): string {
  if (n === null) return '';
  return String(Number(n));
}

/** What a row prints where the publisher's value, when the ASM came from SHCP's file, replaces the system's. */
interface Printed {
  acronym: string | number | null;
  federalizedSpending: string;
  improvementType: string;
  avance: string;
}

/** One row of SHCP's layout. */
function openDataLine(r: Omit<OpenDataRow, 'promedio'>, trimestre: string, fecha: string, p: Printed): string {
  const x = r.extra;
  return csvLine([
    r.cycleLabel,
    trimestre,
    x.ramoCode,
    x.ramoName,
    p.acronym,
    x.institutionName,
    `${x.modality}${x.programCode}`,
    r.programName,
    x.coordinatingInstance ?? 'N/D',
    x.paeYear ?? 'N/D',
    x.evaluationType ?? 'N/D',
    x.externalId ?? r.asmId,
    r.asmText,
    p.federalizedSpending,
    TIPO_ASM[r.classification] ?? r.classification,
    x.topic ?? 'N/D',
    p.improvementType,
    PRIORIDAD[(x.priority as string) ?? 'nd'] ?? 'N/D',
    p.avance,
    fecha,
    r.evidence || 'N/D',
  ]);
}

/** "01T2026": the quarter of a month, as SHCP writes it in TRIMESTRE. */
const quarter = (year: number, month: number) => `${String(Math.ceil(month / 3)).padStart(2, '0')}T${year}`;

async function writeRows<T>(out: Writable, rows: AsyncIterable<T>, line: (r: T) => string): Promise<void> {
  let buf = `\ufeff${csvLine(OPEN_DATA_COLUMNS)}`;
  for await (const r of rows) {
    buf += line(r);
    if (buf.length > 64 * 1024) {
      await writeChunk(out, buf);
      buf = '';
    }
  }
  await writeChunk(out, buf);
}

/** SHCP's open-data layout, one row per ASM of the cut; UTF-8 with BOM. */
export async function writeOpenData(
  out: Writable,
  rows: AsyncIterable<OpenDataRow>,
  corte: { year: number; month: number; cutoffDate: string },
): Promise<void> {
  const trimestre = quarter(corte.year, corte.month);
  const fecha = toDmy(corte.cutoffDate);
  await writeRows(out, rows, (r) =>
    openDataLine(r, trimestre, fecha, {
      acronym: r.extra.institutionAcronym,
      federalizedSpending: 'N/D',
      improvementType: capital(r.extra.improvementType as string | null),
      avance: plain(r.promedio),
    }),
  );
}

/** One ASM of the whole history: its actions' % (for the promedio) and what SHCP published for it, if imported. */
export interface OpenDataHistoryRow extends Omit<OpenDataRow, 'promedio'> {
  status: string;
  statusReason: string | null;
  percents: number[] | null;
  weights: (string | null)[] | null;
  publishedAcronym: string | null;
  publishedImprovementTypes: string[] | null;
  publishedFederalizedSpending: string | null;
  publishedAvance: string | null;
}

/** AVANCE_ASM: as SHCP published it; else the cancellation marker; else the promedio of the actions. */
function historyAvance(r: OpenDataHistoryRow): string {
  if (r.publishedAvance !== null) return plain(r.publishedAvance);
  if (r.status === 'cancelado') return CANCEL_MARKERS.find((m) => r.statusReason?.startsWith(m)) ?? 'CANCELADO';
  const h = promedioHundredths((r.percents ?? []).map((percent, i) => ({ percent, weight: r.weights?.[i] == null ? null : Number(r.weights[i]) })));
  return h === null ? '' : String(h / 100);
}

/**
 * The whole history in SHCP's layout, one row per ASM of every cycle, in its last state as of `today` (TRIMESTRE and
 * FECHA_REPORTE); an ASM imported from SHCP's file prints the values SHCP published; UTF-8 with BOM.
 */
export async function writeOpenDataHistory(out: Writable, rows: AsyncIterable<OpenDataHistoryRow>, today: string): Promise<void> {
  const trimestre = quarter(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
  const fecha = toDmy(today);
  await writeRows(out, rows, (r) =>
    openDataLine(r, trimestre, fecha, {
      acronym: r.publishedAcronym ?? r.extra.institutionAcronym,
      federalizedSpending: r.publishedFederalizedSpending ?? 'N/D',
      improvementType: r.publishedImprovementTypes?.length ? r.publishedImprovementTypes.join(', ') : capital(r.extra.improvementType as string | null),
      avance: historyAvance(r),
    }),
  );
}
