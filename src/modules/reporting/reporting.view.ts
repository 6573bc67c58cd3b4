import { ArrayProp, BoolProp, DateProp, EnumProp, IntArrayProp, IntProp, ObjectProp, TextProp, TimestampProp, UuidProp } from '../../common/http/view-properties';
import { CORTE_STATUSES } from './reporting.types';
import type { CorteStatus } from './reporting.types';
import type { CorteView as CorteShape } from './cortes.service';
import type { ImportCounts, ImportMatch, ImportProblem, ImportReport } from './importers/import-model';
import type { SnapshotRowView as SnapshotRowShape } from './snapshot.service';

/** What the corte, snapshot and import routes return (see catalog.view.ts for how these classes stay equal to the services' types). */
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

export class ImportProblemView implements ImportProblem {
  @IntProp({ nullable: true, description: 'Línea o renglón del archivo (null: el archivo completo).' }) row: number | null;
  @TextProp({ nullable: true, description: 'Encabezado o letra de la columna (null: el renglón completo).' }) column: string | null;
  @TextProp() problem: string;
}

export class ImportMatchView implements ImportMatch {
  @IntProp({ minimum: 1, description: 'Línea o renglón del archivo.' }) row: number;
  @UuidProp({ description: 'El ASM del sistema al que corresponde.' }) asmId: string;
  @EnumProp(['ID_ASM', 'texto'], { description: 'ID_ASM: el identificador de SHCP de un ASM importado antes; texto: mismo programa, ciclo y texto del ASM.' })
  matchedBy: 'ID_ASM' | 'texto';
}

export class ImportCountsView implements ImportCounts {
  @IntProp({ minimum: 0 }) ramos: number;
  @IntProp({ minimum: 0 }) institutions: number;
  @IntProp({ minimum: 0 }) programs: number;
  @IntProp({ minimum: 0 }) cycles: number;
  @IntProp({ minimum: 0 }) areas: number;
  @IntProp({ minimum: 0 }) evaluations: number;
  @IntProp({ minimum: 0 }) cortes: number;
  @IntProp({ minimum: 0 }) asms: number;
  @IntProp({ minimum: 0 }) actions: number;
}

export class ImportReportView implements ImportReport {
  @TextProp({ description: 'Nombre del archivo importado.', example: 'aspectos_susceptibles_mejora.csv' }) source: string;
  @BoolProp() dryRun: boolean;
  @BoolProp({ description: 'true solo si se escribieron los cambios (sin problemas y sin dryRun).' }) applied: boolean;
  @IntProp({ minimum: 0 }) rowsRead: number;
  @IntProp({ minimum: 0 }) rowsAccepted: number;
  @IntProp({ minimum: 0 }) asmsRead: number;
  @ObjectProp(() => ImportCountsView, { description: 'Registros creados (o que se crearían).' }) created: ImportCountsView;
  @IntProp({ minimum: 0 }) updatedAsms: number;
  @IntProp({ minimum: 0 }) unchangedAsms: number;
  @ArrayProp(() => ImportProblemView) problems: ImportProblemView[];
  @IntProp({ minimum: 0, description: 'Renglones reportados y no importados (solo en los orígenes que importan el resto).' }) rowsSkipped: number;
  @ArrayProp(() => ImportMatchView, { description: 'Renglones que corresponden a ASM ya registrados (se actualizan o quedan como están, sin duplicarse).' })
  matchedRows: ImportMatchView[];
  @IntArrayProp({ description: 'Renglones que crean (o crearían) un ASM nuevo.' }) createdRows: number[];
  @IntArrayProp({ description: 'Renglones que no se importan por un problema (detallado en problems).' }) skippedRows: number[];
}
