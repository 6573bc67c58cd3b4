import type { Writable } from 'node:stream';
import { toDmy } from '../../../common/dates';
import { csvLine, writeChunk } from './csv.writer';

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
  'CICLO', 'TRIMESTRE', 'ID_RAMO', 'DESC_RAMO', 'ACRON_DEP_ENT', 'DESC_DEP_ENT', 'MODALIDAD_PP', 'DESC_PP', 'INST_COORD',
  'ANIO_RECOMENDACION', 'ORIGEN_RECOMENDACION', 'ID_ASM', 'DESC_ASM', 'GASTO_FEDERALIZADO', 'TIPO_ASM', 'TEMA_ASM', 'TIPO_MEJORA',
  'PRIORIDAD', 'AVANCE_ASM', 'FECHA_REPORTE', 'EVIDENCIA',
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

/** SHCP's open-data layout, one row per ASM of the cut; UTF-8 with BOM. */
export async function writeOpenData(out: Writable, rows: AsyncIterable<OpenDataRow>, corte: { year: number; month: number; cutoffDate: string }): Promise<void> {
  const trimestre = `${String(Math.ceil(corte.month / 3)).padStart(2, '0')}T${corte.year}`;
  let buf = `\ufeff${csvLine(OPEN_DATA_COLUMNS)}`;
  for await (const r of rows) {
    const x = r.extra;
    buf += csvLine([
      r.cycleLabel,
      trimestre,
      x.ramoCode,
      x.ramoName,
      x.institutionAcronym,
      x.institutionName,
      `${x.modality}${x.programCode}`,
      r.programName,
      x.coordinatingInstance ?? 'N/D',
      x.paeYear ?? 'N/D',
      x.evaluationType ?? 'N/D',
      x.externalId ?? r.asmId,
      r.asmText,
      'N/D',
      TIPO_ASM[r.classification] ?? r.classification,
      x.topic ?? 'N/D',
      capital(x.improvementType as string | null),
      PRIORIDAD[(x.priority as string) ?? 'nd'] ?? 'N/D',
      plain(r.promedio),
      toDmy(corte.cutoffDate),
      r.evidence || 'N/D',
    ]);
    if (buf.length > 64 * 1024) {
      await writeChunk(out, buf);
      buf = '';
    }
  }
  await writeChunk(out, buf);
}
