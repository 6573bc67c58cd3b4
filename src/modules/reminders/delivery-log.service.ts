import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageQuery, pageBounds } from '../../common/http/pagination';
import { DateField, EnumField, TextField } from '../../common/validation/fields';
import { DELIVERY_STATUSES } from './reminders.types';

export class DeliveryLogQuery extends PageQuery {
  @EnumField([...DELIVERY_STATUSES, 'enviando'], { description: 'Estado de entrega.', label: 'el estado de entrega', optional: true })
  status?: string;

  @EnumField(['aviso', 'resumen'], { description: 'aviso (inmediato) o resumen (diario).', label: 'el tipo de aviso', optional: true })
  kind?: string;

  @TextField({ description: 'Correo del destinatario (contiene).', label: 'el destinatario', max: 320, optional: true })
  recipient?: string;

  @DateField({ description: 'Desde (AAAA-MM-DD).', label: 'la fecha inicial', optional: true })
  from?: string;

  @DateField({ description: 'Hasta (AAAA-MM-DD).', label: 'la fecha final', optional: true })
  to?: string;
}

export interface DeliveryLogEntry {
  id: string;
  kind: string;
  eventType: string | null;
  digestDate: string | null;
  recipientEmail: string;
  subject: string;
  items: number;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

@Injectable()
export class DeliveryLogService {
  constructor(private readonly ds: DataSource) {}

  /** `institutionId`: the caller's institution scope (null: every one): the messages to its users (to an address only: the default's). */
  async list(q: DeliveryLogQuery, timeZone: string, institutionId: string | null): Promise<Page<DeliveryLogEntry>> {
    const { page, pageSize, offset } = pageBounds(q);
    const where = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR recipient_email ILIKE $3)
      AND ($4::date IS NULL OR created_at >= ($4::date::timestamp AT TIME ZONE $6)) AND ($5::date IS NULL OR created_at < (($5::date + 1)::timestamp AT TIME ZONE $6))
      AND ($7::uuid IS NULL OR recipient_id IN (SELECT iu.id FROM users iu WHERE iu.institution_id = $7)
           OR (recipient_id IS NULL AND $7 = default_institution_id()))`;
    const params = [q.status ?? null, q.kind ?? null, q.recipient ? `%${q.recipient}%` : null, q.from ?? null, q.to ?? null, timeZone, institutionId];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM notification_log WHERE ${where}`, params);
    const items = await this.ds.query(
      `SELECT id, kind, event_type AS "eventType", digest_date::text AS "digestDate", recipient_email AS "recipientEmail", subject, items, status,
              attempts, last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"
         FROM notification_log WHERE ${where} ORDER BY created_at DESC, id LIMIT $8 OFFSET $9`,
      [...params, pageSize, offset],
    );
    return { items, page, pageSize, total };
  }
}
