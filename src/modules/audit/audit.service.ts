import { Injectable } from '@nestjs/common';
import { PageQuery, Page, readPage } from '../../common/http/pagination';
import { DateField, TextField, UuidField } from '../../common/validation/fields';
import { AuditEvent, AuditRepository } from './audit.repository';

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

/** Read side of the bitácora (the writing is done by the database trigger). */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /**
   * `institutionId`: the caller's institution scope (null: every one). An event belongs to its actor's institution;
   * the system's (imports, seed, jobs) to the default institution, for which the system works.
   */
  list(q: AuditQuery, timeZone: string, institutionId: string | null): Promise<Page<AuditEvent>> {
    return readPage(q, this.audit, {
      entity: q.entity ?? null,
      entityId: q.entityId ?? null,
      actorId: q.actorId ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      timeZone,
      institutionId,
    });
  }
}
