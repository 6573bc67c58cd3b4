import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PageQuery, Page, pageBounds } from '../../common/http/pagination';
import { DateField, TextField, UuidField } from '../../common/validation/fields';

export class AuditQuery extends PageQuery {
  @TextField({ description: 'Entidad (tabla), p. ej. asms, actions, users.', label: 'la entidad', max: 100, optional: true })
  entity?: string;

  @TextField({ description: 'Identificador del registro.', label: 'el identificador del registro', max: 200, optional: true })
  entityId?: string;

  @UuidField({ description: 'Usuario que hizo el cambio.', label: 'el usuario', optional: true })
  actorId?: string;

  @DateField({ description: 'Desde (AAAA-MM-DD, inclusive, hora de la institución).', label: 'la fecha inicial', optional: true })
  from?: string;

  @DateField({ description: 'Hasta (AAAA-MM-DD, inclusive, hora de la institución).', label: 'la fecha final', optional: true })
  to?: string;
}

export interface AuditEventView {
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

/** Read side of the bitácora (the writing is done by the database trigger). */
@Injectable()
export class AuditService {
  constructor(private readonly ds: DataSource) {}

  /**
   * `institutionId`: the caller's institution scope (null: every one). An event belongs to its actor's institution;
   * the system's (imports, seed, jobs) to the default institution, for which the system works.
   */
  async list(q: AuditQuery, timeZone: string, institutionId: string | null): Promise<Page<AuditEventView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const where = `($1::text IS NULL OR e.entity = $1) AND ($2::text IS NULL OR e.entity_id = $2) AND ($3::uuid IS NULL OR e.actor_id = $3)
       AND ($4::date IS NULL OR e.occurred_at >= ($4::date::timestamp AT TIME ZONE $6))
       AND ($5::date IS NULL OR e.occurred_at < (($5::date + 1)::timestamp AT TIME ZONE $6))
       AND ($7::uuid IS NULL OR e.actor_id IN (SELECT iu.id FROM users iu WHERE iu.institution_id = $7)
            OR (e.actor_id IS NULL AND $7 = default_institution_id()))`;
    const params = [q.entity ?? null, q.entityId ?? null, q.actorId ?? null, q.from ?? null, q.to ?? null, timeZone, institutionId];
    const [{ total }] = await this.ds.query(`SELECT count(*) AS total FROM audit_events e WHERE ${where}`, params);
    const items = await this.ds.query(
      `SELECT e.seq, e.occurred_at AS "occurredAt", e.actor_id AS "actorId", u.email AS "actorEmail", e.actor_roles AS "actorRoles",
              e.request_id AS "requestId", e.ip_address AS "ipAddress", e.entity, e.entity_id AS "entityId", e.operation,
              e.before, e.after, e.db_role AS "dbRole", e.db_client AS "dbClient", e.prev_hash AS "prevHash", e.hash
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE ${where}
        ORDER BY e.seq DESC LIMIT $8 OFFSET $9`,
      [...params, pageSize, offset],
    );
    return { items, page, pageSize, total: Number(total) };
  }
}
