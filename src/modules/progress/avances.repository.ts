import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { preparedQuery } from '../../database/prepared';
import { Db, execute, select, selectOne } from '../../database/sql';
import { OutboxEventType, OutboxService } from '../../queue/outbox.service';
import type { AvanceHistoryEntry, AvanceRow, ListScope, LockedAvance } from './progress.rows';
import type { AvanceEventName, AvanceStatus } from './progress.types';

export interface NewAvance {
  actionId: string;
  corteId: string;
  percent: number;
  observations: string | null;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
  decreaseJustification: string | null;
  createdBy: string | null;
}

/** The fields a step of the workflow may change (undefined = unchanged). */
export interface AvancePatch {
  percent?: number;
  observations?: string | null;
  proofDocumentName?: string | null;
  proofDocumentLocation?: string | null;
  decreaseJustification?: string | null;
  status?: AvanceStatus;
  submittedAt?: Date;
  submittedBy?: string | null;
  reviewedAt?: Date;
  reviewedBy?: string | null;
  returnReason?: string | null;
}

const AVANCE_COLUMNS: Record<keyof AvancePatch, string> = {
  percent: 'percent',
  observations: 'observations',
  proofDocumentName: 'proof_document_name',
  proofDocumentLocation: 'proof_document_location',
  decreaseJustification: 'decrease_justification',
  status: 'status',
  submittedAt: 'submitted_at',
  submittedBy: 'submitted_by',
  reviewedAt: 'reviewed_at',
  reviewedBy: 'reviewed_by',
  returnReason: 'return_reason',
};

/** One step of the workflow: its history event and, for notices, its outbox event. */
export interface AvanceStep {
  at: Date;
  actorId: string | null;
  event: AvanceEventName;
  note?: string;
  outbox?: { type: OutboxEventType; payload: Record<string, unknown> };
}

export interface AvanceFilter {
  status?: string;
  corteId?: string;
  actionId?: string;
  asmId?: string;
  scope: ListScope;
}

/** Named statements over avances and avance_events (the progress module's tables). */
@Injectable()
export class AvancesRepository {
  constructor(private readonly ds: DataSource) {}

  /** The open cut of an institution, share-locked until commit (a cut does not close under a report). */
  async openCorteOf(db: Db, institutionId: string): Promise<{ id: string } | undefined> {
    return selectOne<{ id: string }>(db, `SELECT id FROM cortes WHERE status = 'abierto' AND institution_id = $1 FOR SHARE`, [institutionId]);
  }

  /** The avance of the action still in course (borrador, enviado or devuelto) in the cut, if any. */
  async openAvanceOf(db: Db, actionId: string, corteId: string): Promise<{ id: string; status: AvanceStatus } | undefined> {
    return selectOne<{ id: string; status: AvanceStatus }>(
      db,
      `SELECT id, status FROM avances WHERE action_id = $1 AND corte_id = $2 AND status IN ('borrador', 'enviado', 'devuelto')`,
      [actionId, corteId],
    );
  }

  /**
   * Locks the avance (and, for a review, its ASM) and holds a share lock on its
   * cut until commit, reading in the same query what the rules need.
   */
  async lockForChange(db: Db, id: string, review: boolean): Promise<LockedAvance | undefined> {
    const [a] = await preparedQuery<LockedAvance>(
      db,
      `SELECT v.version, v.status, v.action_id, v.corte_id, v.percent, v.decrease_justification, v.observations,
              v.proof_document_name AS "proofDocumentName", v.proof_document_location AS "proofDocumentLocation",
              x.asm_id AS "asmId", x.percent AS "actionPercent", s.status AS "asmStatus", s.coordinating_area_id AS "coordinatingAreaId",
              COALESCE((SELECT array_agg(aa.area_id) FROM action_areas aa WHERE aa.action_id = x.id), '{}') AS "responsibleAreaIds",
              c.status AS "corteStatus", c.year AS "corteYear", c.month AS "corteMonth"
         FROM avances v JOIN actions x ON x.id = v.action_id JOIN asms s ON s.id = x.asm_id JOIN cortes c ON c.id = v.corte_id
        WHERE v.id = $1
        ${review ? 'FOR UPDATE OF v, s' : 'FOR UPDATE OF v'} FOR SHARE OF c`,
      [id],
    );
    return a;
  }

  async liveEvidenceCount(db: Db, avanceId: string): Promise<number> {
    const row = await selectOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM evidence_files WHERE avance_id = $1 AND withdrawn_at IS NULL`, [avanceId]);
    return row!.n;
  }

  async insert(db: Db, a: NewAvance, step: AvanceStep): Promise<AvanceRow> {
    return this.write(
      db,
      `INSERT INTO avances (action_id, corte_id, percent, observations, proof_document_name, proof_document_location, decrease_justification, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [a.actionId, a.corteId, a.percent, a.observations, a.proofDocumentName, a.proofDocumentLocation, a.decreaseJustification, a.createdBy],
      step,
    );
  }

  /** Changes the fields of `patch` (bumping the version) as one step of the workflow. */
  async change(db: Db, id: string, patch: AvancePatch, step: AvanceStep): Promise<AvanceRow> {
    const sets = new SetList();
    for (const key of Object.keys(AVANCE_COLUMNS) as (keyof AvancePatch)[]) sets.add(AVANCE_COLUMNS[key], patch[key]);
    return this.write(db, `UPDATE avances SET ${sets.clauses(2)} WHERE id = $1 RETURNING *`, [id, ...sets.values], step);
  }

  /**
   * One statement for one step of the workflow: the avance's change (an INSERT
   * or UPDATE … RETURNING *), its history event, its follow-up in the outbox if
   * any, and the avance as the API returns it (the full history is on GET). One
   * round trip instead of four: the steps of the avance workflow are the
   * busiest writes of the system.
   */
  private async write(db: Db, statement: string, statementParams: unknown[], step: AvanceStep): Promise<AvanceRow> {
    const params = [...statementParams];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const history = `INSERT INTO avance_events (avance_id, occurred_at, actor_id, event, percent, note)
      SELECT id, ${param(step.at)}::timestamptz, ${param(step.actorId)}::uuid, ${param(step.event)}::text, percent, ${param(step.note ?? null)}::text FROM changed`;
    const outbox = step.outbox ? `, notice AS (${OutboxService.insertFrom('changed', param(step.outbox.type), param(step.outbox.payload))})` : '';
    const [row] = await preparedQuery<AvanceRow>(db, `WITH changed AS (${statement}), history AS (${history})${outbox} ${viewSql('changed', 'true')}`, params);
    return row;
  }

  /** An event of an avance's history outside the workflow's steps (evidence attached or withdrawn). */
  async recordEvent(db: Db, e: { avanceId: string; actorId: string | null; event: AvanceEventName; note: string | null }): Promise<void> {
    await execute(db, `INSERT INTO avance_events (avance_id, actor_id, event, note) VALUES ($1, $2, $3, $4)`, [e.avanceId, e.actorId, e.event, e.note]);
  }

  async actionIdOf(id: string): Promise<string | undefined> {
    return (await selectOne<{ actionId: string }>(this.ds, `SELECT action_id AS "actionId" FROM avances WHERE id = $1`, [id]))?.actionId;
  }

  async byId(id: string): Promise<AvanceRow | undefined> {
    const [row] = await preparedQuery<AvanceRow>(this.ds, viewSql('avances', `v.id = $1`), [id]);
    return row;
  }

  async history(id: string): Promise<AvanceHistoryEntry[]> {
    return select<AvanceHistoryEntry>(
      this.ds,
      `SELECT occurred_at AS "at", actor_id AS "actorId", event, percent, note FROM avance_events WHERE avance_id = $1 ORDER BY id`,
      [id],
    );
  }

  /** A page of the avances the filter and scope let through (oldest submitted first), with their total. */
  async page(f: AvanceFilter, limit: number, offset: number): Promise<{ rows: AvanceRow[]; total: number }> {
    const where = `($1::text IS NULL OR v.status = $1) AND ($2::uuid IS NULL OR v.corte_id = $2) AND ($3::uuid IS NULL OR v.action_id = $3)
       AND ($4::uuid IS NULL OR x.asm_id = $4)
       AND ($5 OR a.coordinating_area_id = ANY($6::uuid[]) OR EXISTS (SELECT 1 FROM action_areas aa WHERE aa.action_id = v.action_id AND aa.area_id = ANY($7::uuid[])))
       AND ($8::uuid IS NULL OR EXISTS (SELECT 1 FROM programs ip WHERE ip.id = a.program_id AND ip.institution_id = $8))`;
    const params = [
      f.status ?? null,
      f.corteId ?? null,
      f.actionId ?? null,
      f.asmId ?? null,
      f.scope.all,
      f.scope.coordinatingAreaIds,
      f.scope.responsibleAreaIds,
      f.scope.institutionId,
    ];
    const count = await selectOne<{ total: number }>(
      this.ds,
      `SELECT count(*)::int AS total FROM avances v JOIN actions x ON x.id = v.action_id JOIN asms a ON a.id = x.asm_id WHERE ${where}`,
      params,
    );
    const rows = await preparedQuery<AvanceRow>(
      this.ds,
      viewSql('avances', where, 'ORDER BY v.submitted_at NULLS LAST, v.created_at, v.id LIMIT $9 OFFSET $10'),
      [...params, limit, offset],
    );
    return { rows, total: count!.total };
  }
}

/**
 * The avances of `source` (the table, or the row a write just changed) as the
 * API returns them; `v` names the avance in `where` and `tail`.
 */
function viewSql(source: string, where: string, tail = ''): string {
  return `SELECT v.id, v.version, v.action_id AS "actionId", x.asm_id AS "asmId",
              json_build_object('id', c.id, 'year', c.year, 'month', c.month, 'status', c.status) AS corte,
              v.percent, x.percent AS "approvedPercent", v.observations, v.proof_document_name AS "proofDocumentName",
              v.proof_document_location AS "proofDocumentLocation", v.decrease_justification AS "decreaseJustification",
              v.status, v.return_reason AS "returnReason", v.created_by AS "createdBy", v.submitted_at AS "submittedAt",
              v.reviewed_at AS "reviewedAt", v.reviewed_by AS "reviewedBy", v.created_at AS "createdAt", v.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('id', f.id, 'version', f.version, 'displayName', f.display_name,
                          'mimeType', f.mime_type, 'sizeBytes', f.size_bytes, 'sha256', f.sha256, 'uploadedAt', f.uploaded_at,
                          'uploadedBy', f.uploaded_by, 'withdrawnAt', f.withdrawn_at, 'withdrawalReason', f.withdrawal_reason) ORDER BY f.uploaded_at)
                          FROM evidence_files f WHERE f.avance_id = v.id), '[]') AS evidence
         FROM ${source} v JOIN actions x ON x.id = v.action_id JOIN asms a ON a.id = x.asm_id JOIN cortes c ON c.id = v.corte_id
        WHERE ${where} ${tail}`;
}
