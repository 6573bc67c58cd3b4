import { DateProp, EnumProp, IntProp, TextProp, TimestampProp, UuidProp } from '../../common/http/view-properties';
import { CORTE_STATUSES } from './reporting.types';
import type { CorteStatus } from './reporting.types';
import type { CorteView as CorteShape } from './cortes.service';
import type { SnapshotRowView as SnapshotRowShape } from './snapshot.service';

/** What the corte and snapshot routes return (see catalog.view.ts for how these classes stay equal to the services' types). */
export class CorteView implements CorteShape {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @UuidProp({ description: 'La institución del corte: cada una lleva sus propios cortes.' }) institutionId: string;
  @IntProp({ example: 2022 }) year: number;
  @IntProp({ minimum: 1, maximum: 12, example: 9 }) month: number;
  @TextProp({ description: 'Mes y año como lo imprime el formato oficial.', example: 'Septiembre-2022' }) label: string;
  @DateProp() cutoffDate: string;
  @DateProp({ description: 'Fecha límite de entrega (días hábiles desde la fecha de corte).' }) submissionDeadline: string;
  @EnumProp(CORTE_STATUSES) status: CorteStatus;
  @TimestampProp({ nullable: true }) openedAt: Date | null;
  @TimestampProp({ nullable: true }) closedAt: Date | null;
  @IntProp({ nullable: true, minimum: 0, description: 'Filas de la instantánea (al cerrarse).' }) snapshotRows: number | null;
}

export class ClosedCorteView extends CorteView {
  @IntProp({ minimum: 0, description: 'Avances enviados sin revisar que quedaron fuera (solo con force=true).' }) pendingAvancesLeftOut: number;
}

export class SnapshotRowView implements SnapshotRowShape {
  @IntProp({ minimum: 1 }) rowOrder: number;
  @UuidProp() asmId: string;
  @UuidProp({ nullable: true, description: 'null: un ASM sin acciones ocupa una fila.' }) actionId: string | null;
  @TextProp({ example: '2021-2022' }) cycleLabel: string;
  @TextProp() classification: string;
  @TextProp({ example: 'S-038' }) programKey: string;
  @TextProp() programName: string;
  @TextProp() asmText: string;
  @TextProp() coordinatingArea: string;
  @TextProp() actionDescription: string;
  @TextProp({ description: 'Áreas responsables como se imprimen.' }) responsibleAreas: string;
  @DateProp({ nullable: true }) dueDate: string | null;
  @DateProp({ nullable: true }) originalDueDate: string | null;
  @TextProp() expectedResults: string;
  @TextProp() products: string;
  @IntProp({ nullable: true, minimum: 0, maximum: 100 }) percent: number | null;
  @TextProp() proofDocumentName: string;
  @TextProp() proofDocumentLocation: string;
  @TextProp() observations: string;
  @TextProp({ example: 'Septiembre-2022' }) monthYear: string;
  @TextProp({ nullable: true, example: '98.00%' }) promedio: string | null;
}
