import { ApiProperty } from '@nestjs/swagger';
import { CycleRefView, ProgramRefView, RefView } from '../asm/asm.view';

export const SEMAFOROS = ['vencida', 'por_vencer', 'en_tiempo', 'concluida', 'inactiva'] as const;
export type Semaforo = (typeof SEMAFOROS)[number];

/** The state of an action's latest avance, or that it has none. */
export const AVANCE_STATES = ['sin_avance', 'borrador', 'enviado', 'devuelto', 'aprobado'] as const;
export type AvanceState = (typeof AVANCE_STATES)[number];

export class WorkAsmView {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ example: 'en_proceso' }) status: string;
  @ApiProperty({ type: ProgramRefView }) program: ProgramRefView;
  @ApiProperty({ type: CycleRefView }) cycle: CycleRefView;
  @ApiProperty({ type: RefView, nullable: true }) coordinatingArea: RefView | null;
}

export class LatestAvanceView {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['borrador', 'enviado', 'devuelto', 'aprobado'] }) status: string;
  @ApiProperty() percent: number;
  @ApiProperty({ example: 'Septiembre-2022' }) corteLabel: string;
  @ApiProperty({ description: 'El corte del avance está abierto (se puede corregir o enviar).' }) corteOpen: boolean;
  @ApiProperty({ nullable: true, type: String }) returnReason: string | null;
}

export class PendingProrrogaView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date' }) requestedDueDate: string;
}

export class WorkActionView {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
  @ApiProperty() description: string;
  @ApiProperty({ type: [RefView] }) responsibleAreas: RefView[];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dueDate: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) originalDueDate: string | null;
  @ApiProperty({ description: '% oficial (último avance aprobado).' }) percent: number;
  @ApiProperty({
    enum: SEMAFOROS,
    description: 'vencida; por_vencer (en 7 días o menos); en_tiempo; concluida (100 %); inactiva (ASM en borrador, cancelado o concluido).',
  })
  semaforo: Semaforo;
  @ApiProperty({ nullable: true, type: Number, description: 'Días hábiles hasta la fecha de término (negativo: de atraso); null sin fecha o al 100 %.' })
  businessDaysLeft: number | null;
  @ApiProperty({ type: WorkAsmView }) asm: WorkAsmView;
  @ApiProperty({ type: LatestAvanceView, nullable: true }) latestAvance: LatestAvanceView | null;
  @ApiProperty({ type: PendingProrrogaView, nullable: true }) pendingProrroga: PendingProrrogaView | null;
}

export class WorkActionPage {
  @ApiProperty({ type: [WorkActionView] }) items: WorkActionView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ReviewActionView {
  @ApiProperty() id: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dueDate: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) originalDueDate: string | null;
  @ApiProperty() percent: number;
  @ApiProperty({ type: [RefView] }) responsibleAreas: RefView[];
}

export class ReviewItemView {
  @ApiProperty({ enum: ['avance', 'prorroga'] }) kind: 'avance' | 'prorroga';
  @ApiProperty({ description: 'Id del avance o de la prórroga.' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Cuándo se envió el avance o se solicitó la prórroga.' }) submittedAt: Date;
  @ApiProperty({ nullable: true, type: Number, description: '% propuesto (avance).' }) percent: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Archivos de evidencia vigentes (avance).' }) evidenceCount: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Fecha solicitada (prórroga).' }) requestedDueDate: string | null;
  @ApiProperty({ nullable: true, type: String }) corteLabel: string | null;
  @ApiProperty({ type: ReviewActionView }) action: ReviewActionView;
  @ApiProperty({ type: WorkAsmView }) asm: WorkAsmView;
}

export class ReviewPage {
  @ApiProperty({ type: [ReviewItemView] }) items: ReviewItemView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
