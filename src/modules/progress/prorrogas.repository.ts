import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, select, selectOne } from '../../database/sql';
import type { ListScope, ProrrogaView } from './progress.rows';
import type { ProrrogaStatus } from './progress.types';

export interface NewProrroga {
  actionId: string;
  previousDueDate: string;
  requestedDueDate: string;
  justification: string;
  requestedBy: string | null;
}

/** A prórroga locked for its decision. */
export interface LockedProrroga {
  version: number;
  status: ProrrogaStatus;
  previousDueDate: string;
  requestedDueDate: string;
}

export interface ProrrogaFilter {
  status?: string;
  actionId?: string;
  scope: ListScope;
}

/** Named statements over prorrogas (the progress module's table). */
@Injectable()
export class ProrrogasRepository {
  constructor(private readonly ds: DataSource) {}

  /** The time zone of an institution: its "today" decides which dates are in the past. */
  async institutionTimeZone(db: Db, institutionId: string): Promise<string> {
    const row = await selectOne<{ timeZone: string }>(db, `SELECT time_zone AS "timeZone" FROM institutions WHERE id = $1`, [institutionId]);
    return row!.timeZone;
  }

  /** The prórroga of the action waiting for a decision, if any. */
  async pendingOf(db: Db, actionId: string): Promise<{ id: string } | undefined> {
    return selectOne<{ id: string }>(db, `SELECT id FROM prorrogas WHERE action_id = $1 AND status = 'solicitada'`, [actionId]);
  }

  async insert(db: Db, p: NewProrroga): Promise<string> {
    const row = await selectOne<{ id: string }>(
      db,
      `INSERT INTO prorrogas (action_id, previous_due_date, requested_due_date, justification, requested_by) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [p.actionId, p.previousDueDate, p.requestedDueDate, p.justification, p.requestedBy],
    );
    return row!.id;
  }

  async actionIdOf(id: string): Promise<string | undefined> {
    return (await selectOne<{ actionId: string }>(this.ds, `SELECT action_id AS "actionId" FROM prorrogas WHERE id = $1`, [id]))?.actionId;
  }

  async lock(db: Db, id: string): Promise<LockedProrroga | undefined> {
    return selectOne<LockedProrroga>(
      db,
      `SELECT version, status, previous_due_date AS "previousDueDate", requested_due_date AS "requestedDueDate" FROM prorrogas WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  async decide(db: Db, id: string, d: { status: ProrrogaStatus; reason: string | null; by: string | null; at: Date }): Promise<void> {
    await execute(
      db,
      `UPDATE prorrogas SET status = $2, decision_reason = $3, decided_by = $4, decided_at = $5, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, d.status, d.reason, d.by, d.at],
    );
  }

  async byId(id: string): Promise<ProrrogaView | undefined> {
    return (await this.views('p.id = $1', [id]))[0];
  }

  /** A page of the prórrogas the filter and scope let through (oldest first), with their total. */
  async page(f: ProrrogaFilter, limit: number, offset: number): Promise<{ rows: ProrrogaView[]; total: number }> {
    const where = `($1::text IS NULL OR p.status = $1) AND ($2::uuid IS NULL OR p.action_id = $2)
       AND ($3 OR a.coordinating_area_id = ANY($4::uuid[]) OR EXISTS (SELECT 1 FROM action_areas aa WHERE aa.action_id = p.action_id AND aa.area_id = ANY($5::uuid[])))
       AND ($6::uuid IS NULL OR EXISTS (SELECT 1 FROM programs ip WHERE ip.id = a.program_id AND ip.institution_id = $6))`;
    const params = [f.status ?? null, f.actionId ?? null, f.scope.all, f.scope.coordinatingAreaIds, f.scope.responsibleAreaIds, f.scope.institutionId];
    const count = await selectOne<{ total: number }>(
      this.ds,
      `SELECT count(*)::int AS total FROM prorrogas p JOIN actions x ON x.id = p.action_id JOIN asms a ON a.id = x.asm_id WHERE ${where}`,
      params,
    );
    return { rows: await this.views(where, [...params, limit, offset], 'ORDER BY p.created_at, p.id LIMIT $7 OFFSET $8'), total: count!.total };
  }

  private views(where: string, params: unknown[], tail = ''): Promise<ProrrogaView[]> {
    return select<ProrrogaView>(
      this.ds,
      `SELECT p.id, p.version, p.action_id AS "actionId", x.asm_id AS "asmId", x.original_due_date AS "originalDueDate",
              p.previous_due_date AS "previousDueDate", p.requested_due_date AS "requestedDueDate", p.justification, p.status,
              p.decision_reason AS "decisionReason", p.requested_by AS "requestedBy", p.decided_by AS "decidedBy",
              p.decided_at AS "decidedAt", p.created_at AS "createdAt"
         FROM prorrogas p JOIN actions x ON x.id = p.action_id JOIN asms a ON a.id = x.asm_id
        WHERE ${where} ${tail}`,
      params,
    );
  }
}
