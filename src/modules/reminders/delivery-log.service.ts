import { Injectable } from '@nestjs/common';
import { Page, PageQuery, readPage } from '../../common/http/pagination';
import { DateField, EnumField, TextField } from '../../common/validation/fields';
import { DeliveryLogEntry, DeliveryLogRepository } from './delivery-log.repository';
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

@Injectable()
export class DeliveryLogService {
  constructor(private readonly log: DeliveryLogRepository) {}

  /** `institutionId`: the caller's institution scope (null: every one): the messages to its users (to an address only: the default's). */
  list(q: DeliveryLogQuery, timeZone: string, institutionId: string | null): Promise<Page<DeliveryLogEntry>> {
    return readPage(q, this.log, {
      status: q.status ?? null,
      kind: q.kind ?? null,
      recipient: q.recipient ? `%${q.recipient}%` : null,
      from: q.from ?? null,
      to: q.to ?? null,
      timeZone,
      institutionId,
    });
  }
}
