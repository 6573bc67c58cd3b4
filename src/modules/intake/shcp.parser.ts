import { parse } from 'csv-parse/sync';
import { fromDmy } from '../../common/dates';
import { foldText, squish } from '../../common/text';
import type { Classification, ImprovementType, Priority } from '../asm/asm.types';
import { CANCEL_MARKERS, OPEN_DATA_COLUMNS } from '../reporting/documents/opendata.writer';
import { ImportAsm, ImportProblem } from './import-model';

/**
 * SHCP's open-data ASM file (Transparencia Presupuestaria). One row per ASM,
 * its last reported state. The file is known to be messy (blank rows, rows
 * whose columns slid, non-numeric AVANCE_ASM): every row that cannot be read
 * is reported with its line, column and reason, and only well-formed rows are
 * imported.
 *
 * Its columns are those of the published layout (OPEN_DATA_COLUMNS); the importer reads all but TRIMESTRE and
 * GASTO_FEDERALIZADO. Column 13 (DESC_ASM) lost its header in the published copy: the CSV reader names it '...13'.
 */
export const SHCP_REQUIRED_COLUMNS = OPEN_DATA_COLUMNS.filter((c) => c !== 'TRIMESTRE' && c !== 'GASTO_FEDERALIZADO').map((c) =>
  c === 'DESC_ASM' ? '...13' : c,
);

const CLASSIFICATION: Record<string, Classification> = {
  especifico: 'especifico',
  institucional: 'institucional',
  interinstitucional: 'interinstitucional',
  intergubernamental: 'intergubernamental',
};
/** "No Aplica" is how some dependencies wrote a priority not determined. */
const PRIORITY: Record<string, Priority> = { alta: 'alta', media: 'media', baja: 'baja', 'n/d': 'nd', 'no aplica': 'nd' };
const IMPROVEMENTS: ImprovementType[] = ['corrige', 'modifica', 'reorienta', 'adiciona', 'fundamenta'];

/**
 * A program key as SHCP's file writes it: a modality letter and three digits (S038), or, for
 * transversal and strategic evaluations, four digits with no letter (0003), which a spreadsheet
 * sometimes kept with the acute accent typed to force text (´0002). See docs/decisions/0037.
 */
export function normaliseProgramKey(raw: string): { modality: string; code: string } | null {
  const key = raw
    .replace(/^[\u00b4'`\u2018\u2019]+/, '')
    .trim()
    .toUpperCase();
  if (/^[A-Z]\d{3}$/.test(key)) return { modality: key[0], code: key.slice(1) };
  if (/^\d{4}$/.test(key)) return { modality: '', code: key };
  return null;
}

/** TIPO_MEJORA as listed (one or several, separated by commas or semicolons), each value as given. */
export function improvementTypes(raw: string): string[] {
  return raw
    .split(/[,;]/)
    .map((x) => x.trim())
    .filter((x) => x && x !== 'N/D');
}

export interface ShcpParse {
  asms: ImportAsm[];
  problems: ImportProblem[];
  rowsRead: number;
}

export function parseShcp(content: Buffer): ShcpParse {
  const problems: ImportProblem[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, { columns: true, relax_column_count: true, bom: true, info: true, skip_empty_lines: false, trim: false });
  } catch (err) {
    return {
      asms: [],
      rowsRead: 0,
      problems: [{ row: (err as { lines?: number }).lines ?? null, column: null, problem: `El archivo no es un CSV legible: ${(err as Error).message}` }],
    };
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = SHCP_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length) {
    return {
      asms: [],
      rowsRead: records.length,
      problems: [{ row: 1, column: null, problem: `Faltan columnas del formato de datos abiertos de SHCP: ${missing.join(', ') || 'todas'}.` }],
    };
  }
  const asms: ImportAsm[] = [];
  // info.lines is the last physical line of a record; a record starts on the line after the previous one ended.
  let previousEnd = 1;
  for (const { record: r, info } of records) {
    const row = previousEnd + 1;
    previousEnd = info.lines;
    const bad = (column: string, problem: string) => problems.push({ row, column, problem });
    const v = (k: string) => squish(r[k] ?? '');
    if (Object.values(r).every((x) => !x || !x.trim())) {
      bad('', 'Fila vacía: no tiene datos.');
      continue;
    }
    const before = problems.length;
    const ciclo = v('CICLO');
    const years = /^(\d{4})-(\d{4})$/.exec(ciclo);
    if (!years || Number(years[2]) !== Number(years[1]) + 1) bad('CICLO', `Ciclo no reconocido "${ciclo}" (se espera AAAA-AAAA con años consecutivos).`);
    const ramo = v('ID_RAMO');
    if (!/^\d{1,3}$/.test(ramo)) bad('ID_RAMO', `Ramo no reconocido "${ramo}".`);
    const modalidad = v('MODALIDAD_PP');
    const key = normaliseProgramKey(modalidad);
    if (!key)
      bad('MODALIDAD_PP', `Clave de programa no reconocida "${modalidad}" (se espera una letra y tres dígitos, p. ej. S038, o cuatro dígitos, p. ej. 0002).`);
    for (const k of ['DESC_RAMO', 'ACRON_DEP_ENT', 'DESC_DEP_ENT', 'DESC_PP', 'ID_ASM']) if (!v(k)) bad(k, 'Celda vacía.');
    const text = v('...13');
    if (!text) bad('...13', 'Falta el texto del ASM.');
    const tipo = CLASSIFICATION[foldText(v('TIPO_ASM'))];
    if (!tipo) bad('TIPO_ASM', `Tipo de ASM no reconocido "${v('TIPO_ASM').slice(0, 80)}"; la fila parece tener columnas desplazadas.`);
    const prioridad = PRIORITY[foldText(v('PRIORIDAD'))];
    if (!prioridad) bad('PRIORIDAD', `Prioridad no reconocida "${v('PRIORIDAD').slice(0, 80)}".`);
    const instancia = v('INST_COORD');
    if (!['CONEVAL', 'SHCP', 'SFP'].includes(instancia)) bad('INST_COORD', `Instancia coordinadora no reconocida "${instancia}".`);
    const avanceRaw = v('AVANCE_ASM');
    // An AVANCE_ASM that means the ASM left the mechanism: imported as cancelled with that reason.
    const cancelled = CANCEL_MARKERS.includes(avanceRaw);
    const avance = Number(avanceRaw);
    if (!cancelled && (!/^\d+(\.\d+)?$/.test(avanceRaw) || avance > 100)) {
      bad(
        'AVANCE_ASM',
        `Avance no reconocido "${avanceRaw.slice(0, 80)}" (se espera un número de 0 a 100 o CANCELADO, Cancelado, ASM dado de baja, FUSIONADO).`,
      );
    }
    const fecha = fromDmy(v('FECHA_REPORTE'));
    if (!fecha) bad('FECHA_REPORTE', `Fecha no reconocida "${v('FECHA_REPORTE')}" (se espera dd/mm/aaaa).`);
    if (problems.length > before) continue;

    // The action's percent is a whole number; the avance as published (66.67) is kept in published.avance. Rounding
    // never makes an unfinished ASM look finished (99.5 → 99) or a started one look untouched (0.4 → 1).
    const percent = cancelled ? 0 : avance >= 100 ? 100 : avance > 0 ? Math.min(99, Math.max(1, Math.round(avance))) : 0;
    const programKey = `${key!.modality}${key!.code}`;
    const anio = Number(v('ANIO_RECOMENDACION'));
    const origen = v('ORIGEN_RECOMENDACION') || 'Sin origen registrado';
    const improvement = IMPROVEMENTS.find((t) => foldText(v('TIPO_MEJORA')).includes(t)) ?? null;
    const area = v('DESC_DEP_ENT');
    const evidence = v('EVIDENCIA');
    asms.push({
      row,
      externalId: v('ID_ASM'),
      program: {
        ramoCode: ramo.padStart(2, '0'),
        ramoName: v('DESC_RAMO'),
        institutionAcronym: v('ACRON_DEP_ENT'),
        institutionName: v('DESC_DEP_ENT'),
        modality: key!.modality,
        code: key!.code,
        name: v('DESC_PP'),
        // The file names each program as it was called in the ASM's cycle (IMSS-Oportunidades in
        // 2012-2013, IMSS-PROSPERA from 2013-2014, IMSS-BIENESTAR from 2018-2019), not at the report date.
        names: [{ name: v('DESC_PP'), since: `${years![1]}-01-01` }],
      },
      cycle: ciclo,
      text,
      classification: tipo,
      priority: prioridad,
      improvementType: improvement,
      topic: v('TEMA_ASM') && v('TEMA_ASM') !== 'N/D' ? v('TEMA_ASM') : null,
      coordinatingArea: area,
      status: cancelled ? 'cancelado' : percent >= 100 ? 'concluido' : percent > 0 ? 'en_proceso' : 'comprometido',
      statusReason: cancelled ? `${avanceRaw} (datos abiertos de SHCP, ${v('TRIMESTRE') || 'sin trimestre'})` : null,
      published: {
        acronym: v('ACRON_DEP_ENT'),
        improvementTypes: improvementTypes(v('TIPO_MEJORA')),
        federalizedSpending: v('GASTO_FEDERALIZADO') || null,
        avance: cancelled ? null : avanceRaw,
      },
      evaluation: {
        externalId: `shcp:${ramo.padStart(2, '0')}${programKey}:${Number.isInteger(anio) ? anio : 'sd'}:${foldText(origen)}`.slice(0, 200),
        title: `${origen}${Number.isInteger(anio) && anio > 0 ? ` ${anio}` : ''}`,
        type: origen,
        paeYear: Number.isInteger(anio) && anio >= 2000 && anio <= 2100 ? anio : null,
        instance: instancia as 'CONEVAL' | 'SHCP' | 'SFP',
      },
      actions: [
        {
          description: 'Acción registrada en los datos abiertos de SHCP (el archivo publica el avance por ASM, sin desglose de acciones).',
          responsibleAreas: [area],
          dueDate: null,
          expectedResults: null,
          products: null,
          percent: Math.min(percent, 100),
          proofDocumentName: null,
          proofDocumentLocation: evidence && evidence !== 'N/D' ? evidence : null,
          observations: null,
        },
      ],
    });
  }
  return { asms, problems, rowsRead: records.length };
}
