import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageQuery, pageBounds } from '../../common/http/pagination';
import { Actor } from '../identity/actor';
import { Policy } from '../identity/policy/policy';
import { CorteStateError } from './cortes.service';
import { NotFoundError } from '../../common/errors/domain-error';

export interface SnapshotRowView {
  rowOrder: number;
  asmId: string;
  actionId: string | null;
  cycleLabel: string;
  classification: string;
  programKey: string;
  programName: string;
  asmText: string;
  coordinatingArea: string;
  actionDescription: string;
  responsibleAreas: string;
  dueDate: string | null;
  originalDueDate: string | null;
  expectedResults: string;
  products: string;
  percent: number | null;
  proofDocumentName: string;
  proofDocumentLocation: string;
  observations: string;
  monthYear: string;
  promedio: string | null;
}

/** Read side of the frozen snapshots, filtered by the caller's areas. */
@Injectable()
export class SnapshotService {
  constructor(
    private readonly ds: DataSource,
    private readonly policy: Policy,
  ) {}

  async rows(corteId: string, q: PageQuery, actor: Actor): Promise<Page<SnapshotRowView>> {
    const [corte] = await this.ds.query(`SELECT status, institution_id AS "institutionId" FROM cortes WHERE id = $1`, [corteId]);
    const notFound = () => new NotFoundError('el corte', 'CORTE_NOT_FOUND', corteId);
    if (!corte) throw notFound();
    // Another institution's cut is not found (the deployment-wide role reads every institution's).
    this.policy.assertInstitution(actor, 'read', corte.institutionId, notFound);
    if (corte.status !== 'cerrado') throw new CorteStateError('El corte aún no se cierra: su instantánea se congela al cerrarlo.', 'CORTE_NOT_CLOSED');
    const { page, pageSize, offset } = pageBounds(q);
    const scope = this.policy.scope(actor, 'read', 'Asm');
    const rows = await this.ds.query(
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
      [corteId, scope.all, scope.coordinatingAreaIds, scope.responsibleAreaIds, pageSize, offset],
    );
    return { items: rows.map(({ total: _t, ...r }: { total: number }) => r as SnapshotRowView), page, pageSize, total: Number(rows[0]?.total ?? 0) };
  }
}
