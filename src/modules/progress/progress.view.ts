import { ArrayProp, DateProp, EnumProp, IntProp, ObjectProp, TextProp, TimestampProp, UuidProp } from '../../common/http/view-properties';
import { CORTE_STATUSES } from '../reporting/reporting.types';
import { AVANCE_EVENTS } from './progress.types';
import type { AvanceEventName } from './progress.types';
import { AVANCE_STATUSES } from './progress.types';
import type { AvanceStatus } from './progress.types';
import type { AvanceView as AvanceShape, EvidenceView as EvidenceShape, ProrrogaView as ProrrogaShape } from './progress.rows';
import { PRORROGA_STATUSES } from './progress.types';
import type { ProrrogaStatus } from './progress.types';

/** What the avance, evidence and prórroga routes return (see catalog.view.ts for how these classes stay equal to the services' types). */
export class EvidenceView implements EvidenceShape {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @TextProp({ description: 'Nombre original del archivo.', example: 'oficio-avance.pdf' }) displayName: string;
  @TextProp({ description: 'Tipo decidido por el contenido del archivo.', example: 'application/pdf' }) mimeType: string;
  @IntProp({ minimum: 1 }) sizeBytes: number;
  @TextProp({ description: 'SHA-256 del contenido, en hexadecimal.' }) sha256: string;
  @TimestampProp() uploadedAt: Date;
  @UuidProp({ nullable: true }) uploadedBy: string | null;
  @TimestampProp({ nullable: true, description: 'Si se retiró: cuándo (el archivo se conserva).' }) withdrawnAt: Date | null;
  @TextProp({ nullable: true }) withdrawalReason: string | null;
}

/** A file as the evidence routes return it: with the avance and the action it belongs to. */
export class EvidenceFileView extends EvidenceView {
  @UuidProp({ nullable: true }) avanceId: string | null;
  @UuidProp({ nullable: true }) actionId: string | null;
}

export class AvanceCorteView {
  @UuidProp() id: string;
  @TextProp({ example: 'Septiembre-2022' }) label: string;
  @EnumProp(CORTE_STATUSES) status: string;
}

export class AvanceHistoryEntryView {
  @TimestampProp() at: Date;
  @UuidProp({ nullable: true }) actorId: string | null;
  @EnumProp(AVANCE_EVENTS) event: AvanceEventName;
  @IntProp({ nullable: true, minimum: 0, maximum: 100 }) percent: number | null;
  @TextProp({ nullable: true, description: 'Motivo, justificación o nombre del archivo, según el evento.' }) note: string | null;
}

export class AvanceView implements AvanceShape {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @UuidProp() actionId: string;
  @UuidProp() asmId: string;
  @ObjectProp(() => AvanceCorteView) corte: AvanceCorteView;
  @IntProp({ minimum: 0, maximum: 100, description: '% propuesto.' }) percent: number;
  @IntProp({ minimum: 0, maximum: 100, description: '% oficial de la acción (el último aprobado) al leer este avance.' }) approvedPercent: number;
  @TextProp({ nullable: true }) observations: string | null;
  @TextProp({ nullable: true }) proofDocumentName: string | null;
  @TextProp({ nullable: true }) proofDocumentLocation: string | null;
  @TextProp({ nullable: true }) decreaseJustification: string | null;
  @EnumProp(AVANCE_STATUSES) status: AvanceStatus;
  @TextProp({ nullable: true, description: 'Motivo de la última devolución.' }) returnReason: string | null;
  @UuidProp({ nullable: true }) createdBy: string | null;
  @TimestampProp({ nullable: true }) submittedAt: Date | null;
  @TimestampProp({ nullable: true }) reviewedAt: Date | null;
  @UuidProp({ nullable: true }) reviewedBy: string | null;
  @TimestampProp() createdAt: Date;
  @TimestampProp() updatedAt: Date;
  @ArrayProp(() => EvidenceView, { description: 'Evidencia adjunta (también la retirada, marcada como tal).' }) evidence: EvidenceView[];
  @ArrayProp(() => AvanceHistoryEntryView, { optional: true, description: 'Historial completo; solo al consultar un avance.' })
  history?: AvanceHistoryEntryView[];
}

export class ProrrogaView implements ProrrogaShape {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @UuidProp() actionId: string;
  @UuidProp() asmId: string;
  @DateProp({ nullable: true, description: 'Fecha de término comprometida originalmente.' }) originalDueDate: string | null;
  @DateProp({ description: 'Fecha de término vigente al solicitarla.' }) previousDueDate: string;
  @DateProp() requestedDueDate: string;
  @TextProp() justification: string;
  @EnumProp(PRORROGA_STATUSES) status: ProrrogaStatus;
  @TextProp({ nullable: true, description: 'Motivo del rechazo.' }) decisionReason: string | null;
  @UuidProp({ nullable: true }) requestedBy: string | null;
  @UuidProp({ nullable: true }) decidedBy: string | null;
  @TimestampProp({ nullable: true }) decidedAt: Date | null;
  @TimestampProp() createdAt: Date;
}
