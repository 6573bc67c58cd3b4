import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { monthYearLabel } from './reporting.types';

/** Which ASMs a cut reports: vigente ones (committed or in progress, below 100 %) and those that reached 100 % in this cut. */
export const VIGENTE_IN_CORTE = `(a.status IN ('comprometido', 'en_proceso') AND avg.promedio < 100) OR (a.status = 'concluido' AND a.concluded_corte_id = $1::uuid)`;

/**
 * Which ASMs a cycle's commitment document lists: every committed one of that
 * cycle ($4). It has no cut: $1 is passed as null and only typed here.
 */
export const COMMITTED_IN_CYCLE = `a.cycle_id = $4::uuid AND a.status IN ('comprometido', 'en_proceso', 'concluido') AND $1::uuid IS NULL`;

/** ASMs of the institution `param` (null: every institution), through their program. */
export const OF_INSTITUTION = (param: string): string =>
  `(${param}::uuid IS NULL OR EXISTS (SELECT 1 FROM programs ip WHERE ip.id = a.program_id AND ip.institution_id = ${param}::uuid))`;

export const SNAPSHOT_COLUMNS = [
  'row_order', 'asm_id', 'action_id', 'cycle_label', 'cycle_start_year', 'classification', 'program_id', 'program_key', 'program_name',
  'asm_text', 'asm_status', 'coordinating_area_id', 'coordinating_area', 'action_position', 'action_description', 'responsible_area_ids',
  'responsible_areas', 'due_date', 'original_due_date', 'expected_results', 'products', 'percent', 'proof_document_name',
  'proof_document_location', 'observations', 'month_year', 'promedio', 'extra',
] as const;

/**
 * The rows of the official format from live data, one per action, in the
 * document's order, with the columns of corte_snapshot_rows. Parameters:
 * $1 the cut (or null), $2 its cut-off date (program name in force),
 * $3 its "Mes y Año", and whatever `inclusion` uses.
 */
export function liveRowsSql(inclusion: string): string {
  return `WITH avg AS (
      SELECT x.asm_id, round(sum(x.percent * COALESCE(x.weight, 1)) / sum(COALESCE(x.weight, 1)), 2) AS promedio
        FROM actions x GROUP BY x.asm_id
    ), included AS (
      SELECT a.*, avg.promedio FROM asms a JOIN avg ON avg.asm_id = a.id WHERE ${inclusion}
    )
    SELECT row_number() OVER (ORDER BY c.start_year DESC, p.modality, p.code, p.ramo_code, a.seq, x.position, x.created_at)::int AS row_order,
           a.id AS asm_id, x.id AS action_id, c.label AS cycle_label, c.start_year AS cycle_start_year, a.classification,
           p.id AS program_id, concat_ws('-', NULLIF(p.modality, ''), p.code) AS program_key,
           COALESCE((SELECT pn.name FROM program_names pn WHERE pn.program_id = p.id AND pn.valid_from <= $2::date
                      ORDER BY pn.valid_from DESC LIMIT 1), p.name) AS program_name,
           a.text AS asm_text, a.status AS asm_status, a.coordinating_area_id, COALESCE(ca.name, '') AS coordinating_area,
           x.position AS action_position, x.description AS action_description,
           COALESCE(ra.ids, '{}') AS responsible_area_ids, COALESCE(ra.names, '') AS responsible_areas,
           x.due_date, x.original_due_date, COALESCE(x.expected_results, '') AS expected_results, COALESCE(x.products, '') AS products,
           x.percent, COALESCE(x.proof_document_name, '') AS proof_document_name,
           COALESCE(x.proof_document_location, '') AS proof_document_location, COALESCE(x.observations, '') AS observations,
           $3::text AS month_year, a.promedio,
           jsonb_build_object(
             'ramoCode', p.ramo_code, 'ramoName', r.name, 'institutionAcronym', i.acronym, 'institutionName', i.name,
             'modality', p.modality, 'programCode', p.code, 'externalId', a.external_id, 'priority', a.priority,
             'improvementType', a.improvement_type, 'topic', a.topic, 'evaluationType', e.evaluation_type,
             'paeYear', e.pae_year, 'coordinatingInstance', e.coordinating_instance, 'cutoffDate', $2::text) AS extra
      FROM included a
      JOIN cycles c ON c.id = a.cycle_id
      JOIN programs p ON p.id = a.program_id
      JOIN ramos r ON r.code = p.ramo_code
      JOIN institutions i ON i.id = p.institution_id
      LEFT JOIN evaluations e ON e.id = a.evaluation_id
      LEFT JOIN areas ca ON ca.id = a.coordinating_area_id
      JOIN actions x ON x.asm_id = a.id
      LEFT JOIN LATERAL (
        SELECT array_agg(ar.id ORDER BY aa.position) AS ids, string_agg(ar.name, '/' ORDER BY aa.position) AS names
          FROM action_areas aa JOIN areas ar ON ar.id = aa.area_id WHERE aa.action_id = x.id
      ) ra ON true`;
}

/**
 * Freezes a cut: one row per action of every ASM the cut reports (the vigente
 * rule), copied in one statement — one consistent view of the approved values.
 */
@Injectable()
export class SnapshotWriter {
  async write(em: EntityManager, corte: { id: string; year: number; month: number; cutoffDate: string; institutionId: string | null }): Promise<number> {
    const cols = SNAPSHOT_COLUMNS.join(', ');
    // Only the cut's institution's programs: each institution reports its own (null, the benchmark's cut: every institution).
    await em.query(
      `INSERT INTO corte_snapshot_rows (corte_id, ${cols}) SELECT $1::uuid, ${cols} FROM (${liveRowsSql(`(${VIGENTE_IN_CORTE}) AND ${OF_INSTITUTION('$4')}`)}) live`,
      [corte.id, corte.cutoffDate, monthYearLabel(corte.month, corte.year), corte.institutionId],
    );
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM corte_snapshot_rows WHERE corte_id = $1`, [corte.id]);
    return n;
  }
}
