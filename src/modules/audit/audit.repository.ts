import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, selectOne, select } from '../../database/sql';

/** One event of the bitácora as the API lists it. */
export interface AuditEvent {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRoles: string[];
  requestId: string | null;
  ipAddress: string | null;
  entity: string;
  entityId: string;
  operation: string;
  before: unknown;
  after: unknown;
  /** Database login and client address of the connection that made the change (null before they were recorded). */
  dbRole: string | null;
  dbClient: string | null;
  prevHash: string;
  hash: string;
}

/** The filters of the bitácora list (null: any). */
export interface AuditFilter {
  entity: string | null;
  entityId: string | null;
  actorId: string | null;
  from: string | null;
  to: string | null;
  timeZone: string;
  /**
   * The caller's institution scope (null: every one). An event belongs to its actor's institution; the
   * system's (imports, seed, jobs) to the default institution, for which the system works.
   */
  institutionId: string | null;
}

/** Where an anchor of the bitácora's head comes from: a cut closed, a document of record produced, a day passed. */
export type AnchorSource = 'corte' | 'documento' | 'diario';

/** The head of the bitácora as an anchor recorded it. */
export interface AnchorRow {
  seq: number;
  hash: string;
  /** False when that day was already anchored (the daily anchor is written once per date). */
  recorded: boolean;
}

const FILTER = `($1::text IS NULL OR e.entity = $1) AND ($2::text IS NULL OR e.entity_id = $2) AND ($3::uuid IS NULL OR e.actor_id = $3)
       AND ($4::date IS NULL OR e.occurred_at >= ($4::date::timestamp AT TIME ZONE $6))
       AND ($5::date IS NULL OR e.occurred_at < (($5::date + 1)::timestamp AT TIME ZONE $6))
       AND ($7::uuid IS NULL OR e.actor_id IN (SELECT iu.id FROM users iu WHERE iu.institution_id = $7)
            OR (e.actor_id IS NULL AND $7 = default_institution_id()))`;

/** audit_events (written by the database trigger, never here) and audit_anchors (written by the database function audit_anchor). */
@Injectable()
export class AuditRepository {
  constructor(private readonly ds: DataSource) {}

  async count(f: AuditFilter): Promise<number> {
    const row = await selectOne<{ total: number }>(this.ds, `SELECT count(*) AS total FROM audit_events e WHERE ${FILTER}`, filterParams(f));
    return Number(row?.total ?? 0);
  }

  /** Newest first. */
  page(f: AuditFilter, limit: number, offset: number): Promise<AuditEvent[]> {
    return select<AuditEvent>(
      this.ds,
      `SELECT e.seq, e.occurred_at AS "occurredAt", e.actor_id AS "actorId", u.email AS "actorEmail", e.actor_roles AS "actorRoles",
              e.request_id AS "requestId", e.ip_address AS "ipAddress", e.entity, e.entity_id AS "entityId", e.operation,
              e.before, e.after, e.db_role AS "dbRole", e.db_client AS "dbClient", e.prev_hash AS "prevHash", e.hash
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE ${FILTER}
        ORDER BY e.seq DESC LIMIT $8 OFFSET $9`,
      [...filterParams(f), limit, offset],
    );
  }

  /**
   * Records the head of the bitácora (the database function reads it itself;
   * see migrations/1796000200000-audit-anchors.ts), in `db`'s transaction when given.
   */
  async anchor(db: Db | undefined, source: AnchorSource, reference: string): Promise<AnchorRow> {
    const row = await selectOne<AnchorRow>(db ?? this.ds, `SELECT audit_seq AS seq, audit_hash AS hash, recorded FROM audit_anchor($1, $2)`, [
      source,
      reference,
    ]);
    // The function returns one row always.
    return { seq: Number(row!.seq), hash: row!.hash, recorded: row!.recorded };
  }
}

function filterParams(f: AuditFilter): unknown[] {
  return [f.entity, f.entityId, f.actorId, f.from, f.to, f.timeZone, f.institutionId];
}
