import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectPage } from '../../database/sql';
import type { SnapshotRowView } from './snapshot.service';

/** The frozen rows of closed cuts (corte_snapshot_rows; OfficialRowsRepository.freezeSnapshot writes them). */
@Injectable()
export class SnapshotRepository {
  constructor(private readonly ds: DataSource) {}

  /** One page of a cut's rows in document order, those of the areas given (or all), with the total that matched. */
  page(
    corteId: string,
    areas: { all: boolean; coordinatingAreaIds: string[]; responsibleAreaIds: string[] },
    limit: number,
    offset: number,
  ): Promise<{ items: SnapshotRowView[]; total: number }> {
    return selectPage<SnapshotRowView>(
      this.ds,
      `SELECT row_order AS "rowOrder", asm_id AS "asmId", action_id AS "actionId", cycle_label AS "cycleLabel", classification,
              program_key AS "programKey", program_name AS "programName", asm_text AS "asmText", coordinating_area AS "coordinatingArea",
              action_description AS "actionDescription", responsible_areas AS "responsibleAreas", due_date AS "dueDate",
              original_due_date AS "originalDueDate", expected_results AS "expectedResults", products, percent,
              proof_document_name AS "proofDocumentName", proof_document_location AS "proofDocumentLocation", observations,
              month_year AS "monthYear", promedio::text AS promedio, count(*) OVER () AS total
         FROM corte_snapshot_rows
        WHERE corte_id = $1
          AND ($2 OR coordinating_area_id = ANY($3::uuid[]) OR responsible_area_ids && $4::uuid[])
        ORDER BY row_order LIMIT $5 OFFSET $6`,
      [corteId, areas.all, areas.coordinatingAreaIds, areas.responsibleAreaIds, limit, offset],
    );
  }
}
