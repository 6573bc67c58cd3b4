import { ArrayProp, DateProp, EnumProp, IntProp, TextProp, TimestampProp, UuidProp } from '../../common/http/view-properties';
import type { DeliveryLogEntry } from './delivery-log.repository';
import { DELIVERY_STATUSES } from './reminders.types';
import type { PreviewDigest } from './reminder-scan.service';
import type { ItemType, Reason, ReminderItem } from './reminder-items';

const ITEM_TYPES: ItemType[] = ['accion', 'corte', 'avance'];
const REASONS: Reason[] = ['por-vencer', 'vencida', 'vencida-escalada', 'corte-plazo', 'revision-pendiente'];

/** What the reminder routes return (see catalog.view.ts for how these classes stay equal to the services' types). */
export class DeliveryLogEntryView implements DeliveryLogEntry {
  @UuidProp() id: string;
  @EnumProp(['aviso', 'resumen'], { description: 'aviso (inmediato) o resumen (diario).' }) kind: string;
  @TextProp({ nullable: true, description: 'Qué originó el aviso (p. ej. avance.devuelto).' }) eventType: string | null;
  @DateProp({ nullable: true, description: 'Día del resumen.' }) digestDate: string | null;
  @TextProp({ format: 'email' }) recipientEmail: string;
  @TextProp() subject: string;
  @IntProp({ minimum: 0, description: 'Pendientes que incluye.' }) items: number;
  @EnumProp([...DELIVERY_STATUSES, 'enviando']) status: string;
  @IntProp({ minimum: 0 }) attempts: number;
  @TextProp({ nullable: true }) lastError: string | null;
  @TimestampProp() createdAt: Date;
  @TimestampProp({ nullable: true }) sentAt: Date | null;
}

export class ReminderItemView implements ReminderItem {
  @UuidProp() recipientId: string;
  @EnumProp(ITEM_TYPES) itemType: ItemType;
  @UuidProp() itemId: string;
  @EnumProp(REASONS) reason: Reason;
  @TextProp({ description: 'Ocasión del aviso (llave de no repetición).' }) occurrence: string;
  @TextProp() title: string;
  @TextProp() detail: string;
  @DateProp({ description: 'La fecha que importa (término, plazo o envío).' }) date: string;
  @TextProp({ description: 'Dónde se atiende.' }) link: string;
}

export class PreviewDigestView implements PreviewDigest {
  @UuidProp() recipientId: string;
  @TextProp({ format: 'email' }) email: string;
  @TextProp() fullName: string;
  @ArrayProp(() => ReminderItemView) items: ReminderItemView[];
}

export class ReminderPreviewView {
  @DateProp({ description: 'Fecha del escaneo.' }) date: string;
  @ArrayProp(() => PreviewDigestView) digests: PreviewDigestView[];
}

export class ReminderRunView {
  @TextProp({ description: 'Trabajo encolado (lo procesa el worker).' }) jobId: string;
  @DateProp({ description: 'Día cuyo escaneo se ejecuta.' }) date: string;
}
