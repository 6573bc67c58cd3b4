import { ApiProperty } from '@nestjs/swagger';
import type { AsmStatus, Classification, ImprovementType, Priority } from './asm.entity';

export class RefView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ProgramRefView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'S-038' }) key: string;
  @ApiProperty({ example: 'Programa IMSS-BIENESTAR' }) name: string;
  @ApiProperty({ example: '19' }) ramoCode: string;
}

export class CycleRefView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2021-2022' }) label: string;
}

export class ActionView {
  @ApiProperty() id: string;
  @ApiProperty() asmId: string;
  @ApiProperty() version: number;
  @ApiProperty() position: number;
  @ApiProperty() description: string;
  @ApiProperty({ type: [RefView] }) responsibleAreas: RefView[];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dueDate: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) originalDueDate: string | null;
  @ApiProperty({ nullable: true, type: String }) expectedResults: string | null;
  @ApiProperty({ nullable: true, type: String }) products: string | null;
  @ApiProperty() percent: number;
  @ApiProperty({ nullable: true, type: String }) proofDocumentName: string | null;
  @ApiProperty({ nullable: true, type: String }) proofDocumentLocation: string | null;
  @ApiProperty({ nullable: true, type: String }) observations: string | null;
  @ApiProperty({ nullable: true, type: Number }) weight: number | null;
  @ApiProperty({ description: 'Fecha de término pasada y avance menor a 100 % en un ASM vigente.' }) overdue: boolean;
}

export class AsmView {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty({ type: ProgramRefView }) program: ProgramRefView;
  @ApiProperty({ type: CycleRefView }) cycle: CycleRefView;
  @ApiProperty({ nullable: true, type: String }) evaluationId: string | null;
  @ApiProperty({ nullable: true, type: String }) recommendationId: string | null;
  @ApiProperty() text: string;
  @ApiProperty() classification: Classification;
  @ApiProperty({ nullable: true, type: String }) priority: Priority | null;
  @ApiProperty({ nullable: true, type: String }) improvementType: ImprovementType | null;
  @ApiProperty({ nullable: true, type: String }) topic: string | null;
  @ApiProperty({ type: RefView, nullable: true }) coordinatingArea: RefView | null;
  @ApiProperty() status: AsmStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 98, description: 'Promedio de las acciones (null sin acciones).' })
  promedio: number | null;
  @ApiProperty({ example: '98.00%', description: 'El promedio como lo imprime el formato oficial.' }) promedioText: string;
  @ApiProperty({ type: [ActionView] }) actions: ActionView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
