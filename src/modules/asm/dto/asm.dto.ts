import { PageQuery } from '../../../common/http/pagination';
import { BooleanField, EnumField, NestedArrayField, TextField, UuidField, VersionField } from '../../../common/validation/fields';
import { ASM_STATUSES, CLASSIFICATIONS, IMPROVEMENT_TYPES, PRIORITIES } from '../asm.types';
import type { AsmStatus, Classification, ImprovementType, Priority } from '../asm.types';
import { CreateActionDto, TEXT_MAX } from './action.dto';

export class CreateAsmDto {
  @UuidField({ description: 'Programa presupuestario.', label: 'el programa' })
  programId: string;

  @UuidField({ description: 'Periodo / ciclo del mecanismo.', label: 'el periodo' })
  cycleId: string;

  @UuidField({ description: 'Evaluación de la que deriva.', label: 'la evaluación', optional: true, nullable: true })
  evaluationId?: string | null;

  @UuidField({ description: 'Recomendación de la evaluación de la que deriva.', label: 'la recomendación', optional: true, nullable: true })
  recommendationId?: string | null;

  @TextField({ description: 'Aspecto Susceptible de Mejora.', label: 'el aspecto susceptible de mejora', max: TEXT_MAX })
  text: string;

  @EnumField(CLASSIFICATIONS, { description: 'Clasificación por actor.', label: 'la clasificación' })
  classification: Classification;

  @EnumField(PRIORITIES, { description: 'Prioridad (nd = no determinada).', label: 'la prioridad', optional: true, nullable: true })
  priority?: Priority | null;

  @EnumField(IMPROVEMENT_TYPES, { description: 'Tipo de mejora.', label: 'el tipo de mejora', optional: true, nullable: true })
  improvementType?: ImprovementType | null;

  @TextField({ description: 'Tema del ASM.', label: 'el tema', max: 500, optional: true, nullable: true })
  topic?: string | null;

  @UuidField({ description: 'Área coordinadora.', label: 'el área coordinadora' })
  coordinatingAreaId: string;

  @NestedArrayField(() => CreateActionDto, {
    description: 'Acciones a emprender.',
    label: 'las acciones',
    itemLabel: 'la acción',
    minSize: 0,
    maxSize: 50,
    optional: true,
  })
  actions?: CreateActionDto[];
}

export class UpdateAsmDto {
  @VersionField()
  version: number;

  @UuidField({ description: 'Programa presupuestario.', label: 'el programa', optional: true })
  programId?: string;

  @UuidField({ description: 'Periodo / ciclo.', label: 'el periodo', optional: true })
  cycleId?: string;

  @UuidField({ description: 'Evaluación de la que deriva.', label: 'la evaluación', optional: true, nullable: true })
  evaluationId?: string | null;

  @UuidField({ description: 'Recomendación de la que deriva.', label: 'la recomendación', optional: true, nullable: true })
  recommendationId?: string | null;

  @TextField({ description: 'Aspecto Susceptible de Mejora.', label: 'el aspecto susceptible de mejora', max: TEXT_MAX, optional: true })
  text?: string;

  @EnumField(CLASSIFICATIONS, { description: 'Clasificación por actor.', label: 'la clasificación', optional: true })
  classification?: Classification;

  @EnumField(PRIORITIES, { description: 'Prioridad.', label: 'la prioridad', optional: true, nullable: true })
  priority?: Priority | null;

  @EnumField(IMPROVEMENT_TYPES, { description: 'Tipo de mejora.', label: 'el tipo de mejora', optional: true, nullable: true })
  improvementType?: ImprovementType | null;

  @TextField({ description: 'Tema del ASM.', label: 'el tema', max: 500, optional: true, nullable: true })
  topic?: string | null;

  @UuidField({ description: 'Área coordinadora.', label: 'el área coordinadora', optional: true })
  coordinatingAreaId?: string;
}

export class VersionDto {
  @VersionField()
  version: number;
}

export class ReasonDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Justificación (obligatoria).', label: 'la justificación', max: 2000 })
  reason: string;
}

export class ListAsmsQuery extends PageQuery {
  @UuidField({ description: 'Programa.', label: 'el programa', optional: true })
  programId?: string;

  @UuidField({ description: 'Ciclo.', label: 'el periodo', optional: true })
  cycleId?: string;

  @EnumField(CLASSIFICATIONS, { description: 'Clasificación.', label: 'la clasificación', optional: true })
  classification?: Classification;

  @EnumField(PRIORITIES, { description: 'Prioridad.', label: 'la prioridad', optional: true })
  priority?: Priority;

  @EnumField(ASM_STATUSES, { description: 'Estado.', label: 'el estado', optional: true })
  status?: AsmStatus;

  @UuidField({ description: 'Área coordinadora.', label: 'el área coordinadora', optional: true })
  coordinatingAreaId?: string;

  @UuidField({ description: 'Área responsable de alguna de sus acciones.', label: 'el área responsable', optional: true })
  responsibleAreaId?: string;

  @BooleanField({
    description: 'true: con alguna acción vencida (fecha de término pasada y avance menor a 100 %).',
    label: 'el filtro de vencidas',
    optional: true,
    query: true,
  })
  overdue?: boolean;

  @TextField({
    description: 'Texto a buscar en el ASM y sus acciones (sin distinguir acentos ni mayúsculas).',
    label: 'el texto a buscar',
    max: 200,
    optional: true,
  })
  q?: string;
}

export class ListActionsQuery extends PageQuery {
  @UuidField({ description: 'Área responsable.', label: 'el área responsable', optional: true })
  responsibleAreaId?: string;

  @UuidField({ description: 'ASM.', label: 'el ASM', optional: true })
  asmId?: string;

  @BooleanField({ description: 'true: solo acciones vencidas.', label: 'el filtro de vencidas', optional: true, query: true })
  overdue?: boolean;
}
