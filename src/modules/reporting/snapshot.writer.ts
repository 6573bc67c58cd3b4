import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { monthYearLabel } from './corte.entity';

/**
 * Freezes a cut: one row per action of every ASM that appears in the official
 * report of this cut — committed or in progress with a promedio below 100 %
 * (vigente), or concluded in this very cut (its last appearance, at 100 %).
 * Texts, areas (canonical names joined with "/"), the program name in force at
 * the cut-off date, dates, % and promedio are copied as approved right now.
 */
@Injectable()
export class SnapshotWriter {
  async write(em: EntityManager, corte: { id: string; year: number; month: number; cutoffDate: string }): Promise<number> {
    await em.query(
      `WITH avg AS (
         SELECT x.asm_id, round(sum(x.percent * COALESCE(x.weight, 1)) / sum(COALESCE(x.weight, 1)), 2) AS promedio
           FROM actions x GROUP BY x.asm_id
       ), included AS (
         SELECT a.*, avg.promedio
           FROM asms a JOIN avg ON avg.asm_id = a.id
          WHERE (a.status IN ('comprometido', 'en_proceso') AND avg.promedio < 100)
             OR (a.status = 'concluido' AND a.concluded_corte_id = $1)
       )
       INSERT INTO corte_snapshot_rows (
         corte_id, row_order, asm_id, action_id, cycle_label, cycle_start_year, classification, program_id, program_key,
         program_name, asm_text, asm_status, coordinating_area_id, coordinating_area, action_position, action_description,
         responsible_area_ids, responsible_areas, due_date, original_due_date, expected_results, products, percent,
         proof_document_name, proof_document_location, observations, month_year, promedio, extra)
       SELECT $1,
              row_number() OVER (ORDER BY c.start_year DESC, p.modality, p.code, p.ramo_code, a.created_at, a.id, x.position, x.created_at),
              a.id, x.id, c.label, c.start_year, a.classification, p.id, p.modality || '-' || p.code,
              COALESCE((SELECT pn.name FROM program_names pn WHERE pn.program_id = p.id AND pn.valid_from <= $2::date
                         ORDER BY pn.valid_from DESC LIMIT 1), p.name),
              a.text, a.status, a.coordinating_area_id, COALESCE(ca.name, ''), x.position, x.description,
              COALESCE(ra.ids, '{}'), COALESCE(ra.names, ''),
              x.due_date, x.original_due_date, COALESCE(x.expected_results, ''), COALESCE(x.products, ''), x.percent,
              COALESCE(x.proof_document_name, ''), COALESCE(x.proof_document_location, ''), COALESCE(x.observations, ''),
              $3, a.promedio,
              jsonb_build_object(
                'ramoCode', p.ramo_code, 'ramoName', r.name, 'institutionAcronym', i.acronym, 'institutionName', i.name,
                'modality', p.modality, 'programCode', p.code, 'externalId', a.external_id, 'priority', a.priority,
                'improvementType', a.improvement_type, 'topic', a.topic, 'evaluationType', e.evaluation_type,
                'paeYear', e.pae_year, 'coordinatingInstance', e.coordinating_instance, 'cutoffDate', $2::text)
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
         ) ra ON true`,
      [corte.id, corte.cutoffDate, monthYearLabel(corte.month, corte.year)],
    );
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM corte_snapshot_rows WHERE corte_id = $1`, [corte.id]);
    return n;
  }
}
