import { ArrayProp, BoolProp, DateProp, EnumProp, IntProp, NumberProp, ObjectProp, TextProp, TimestampProp, UuidProp } from '../../common/http/view-properties';
import { ASM_STATUSES, CLASSIFICATIONS, IMPROVEMENT_TYPES, PRIORITIES } from './asm.types';
import type { AsmStatus, Classification, ImprovementType, Priority } from './asm.types';

export class RefView {
  @UuidProp() id: string;
  @TextProp() name: string;
}

export class ProgramRefView {
  @UuidProp() id: string;
  @TextProp({ example: 'S-038' }) key: string;
  @TextProp({ example: 'Programa IMSS-BIENESTAR' }) name: string;
  @TextProp({ example: '19' }) ramoCode: string;
}

export class CycleRefView {
  @UuidProp() id: string;
  @TextProp({ example: '2021-2022' }) label: string;
}

export class ActionView {
  @UuidProp() id: string;
  @UuidProp() asmId: string;
  @IntProp({ minimum: 1 }) version: number;
  @IntProp({ minimum: 1, description: 'Orden de la acción en el ASM.' }) position: number;
  @TextProp() description: string;
  @ArrayProp(() => RefView, { description: 'Áreas responsables, en el orden en que se imprimen.' }) responsibleAreas: RefView[];
  @DateProp({ nullable: true, description: 'Fecha de término vigente.' }) dueDate: string | null;
  @DateProp({ nullable: true, description: 'Fecha de término comprometida originalmente (antes de prórrogas).' }) originalDueDate: string | null;
  @TextProp({ nullable: true }) expectedResults: string | null;
  @TextProp({ nullable: true }) products: string | null;
  @IntProp({ minimum: 0, maximum: 100, description: '% de avance oficial (el del último avance aprobado).' }) percent: number;
  @TextProp({ nullable: true }) proofDocumentName: string | null;
  @TextProp({ nullable: true }) proofDocumentLocation: string | null;
  @TextProp({ nullable: true }) observations: string | null;
  @NumberProp({ nullable: true, description: 'Peso en el promedio (sin peso cuenta como 1).' }) weight: number | null;
  @BoolProp({ description: 'Fecha de término pasada y avance menor a 100 % en un ASM vigente.' }) overdue: boolean;
}

export class AsmView {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @TextProp({ nullable: true, description: 'Identificador del publicador (importaciones).' }) externalId: string | null;
  @ObjectProp(() => ProgramRefView) program: ProgramRefView;
  @ObjectProp(() => CycleRefView) cycle: CycleRefView;
  @UuidProp({ nullable: true }) evaluationId: string | null;
  @UuidProp({ nullable: true }) recommendationId: string | null;
  @TextProp() text: string;
  @EnumProp(CLASSIFICATIONS) classification: Classification;
  @EnumProp(PRIORITIES, { nullable: true }) priority: Priority | null;
  @EnumProp(IMPROVEMENT_TYPES, { nullable: true }) improvementType: ImprovementType | null;
  @TextProp({ nullable: true }) topic: string | null;
  @ObjectProp(() => RefView, { nullable: true }) coordinatingArea: RefView | null;
  @EnumProp(ASM_STATUSES) status: AsmStatus;
  @TextProp({ nullable: true, description: 'Justificación de la cancelación o de la reapertura.' }) statusReason: string | null;
  @NumberProp({ nullable: true, example: 98, description: 'Promedio de las acciones (null sin acciones).' }) promedio: number | null;
  @TextProp({ example: '98.00%', description: 'El promedio como lo imprime el formato oficial.' }) promedioText: string;
  @ArrayProp(() => ActionView) actions: ActionView[];
  @TimestampProp() createdAt: Date;
  @TimestampProp() updatedAt: Date;
}
