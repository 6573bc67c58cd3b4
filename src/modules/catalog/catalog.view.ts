import { ArrayProp, BoolProp, DateProp, EnumProp, IntProp, TextProp, TimestampProp, UuidArrayProp, UuidProp } from '../../common/http/view-properties';
import type { AreaView as AreaShape } from './areas.service';
import { COORDINATING_INSTANCES } from './catalog.types';
import type { EvaluationView as EvaluationShape } from './evaluations.service';
import type { ProgramView as ProgramShape } from './programs.service';
import type { CycleRow as Cycle, InstitutionRow as Institution, RamoRow as Ramo } from './catalog.rows';

/*
 * What the catalog routes return, as documented in OpenAPI. Each class
 * implements the service's own type and is the controller's return type, so
 * the compiler holds the two equal in both directions.
 */

export class RamoView implements Ramo {
  @TextProp({ description: 'Clave del ramo (dos o tres dígitos).', example: '19' }) code: string;
  @TextProp({ example: 'Aportaciones a Seguridad Social' }) name: string;
}

export class InstitutionView implements Institution {
  @UuidProp() id: string;
  @TextProp({ example: 'IMSS' }) acronym: string;
  @TextProp({ example: 'Instituto Mexicano del Seguro Social' }) name: string;
  @BoolProp({ description: 'La institución predeterminada del despliegue: la de lo importado o sembrado sin institución.' }) isDefault: boolean;
  @TextProp({ description: 'Zona horaria de sus fechas.', example: 'America/Mexico_City' }) timeZone: string;
  @IntProp({ minimum: 1 }) version: number;
  @TimestampProp() createdAt: Date;
  @TimestampProp() updatedAt: Date;
}

export class ProgramView implements ProgramShape {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @UuidProp() institutionId: string;
  @TextProp({ example: '19' }) ramoCode: string;
  @TextProp({ example: 'S' }) modality: string;
  @TextProp({ example: '038' }) code: string;
  @TextProp({ description: 'Clave impresa: modalidad-clave.', example: 'S-038' }) key: string;
  @TextProp({ description: 'Nombre vigente.', example: 'Programa IMSS-BIENESTAR' }) name: string;
  @TimestampProp() createdAt: Date;
  @TimestampProp() updatedAt: Date;
}

export class ProgramNameView {
  @TextProp() name: string;
  @DateProp({ description: 'Desde cuándo rige el nombre (1900-01-01: desde siempre).' }) validFrom: string;
}

export class AreaView implements AreaShape {
  @UuidProp() id: string;
  @TextProp() name: string;
  @TextProp({ nullable: true }) acronym: string | null;
  @UuidProp({ nullable: true, description: 'Área superior.' }) parentId: string | null;
  @BoolProp() active: boolean;
  @IntProp({ minimum: 1 }) version: number;
  @TimestampProp() createdAt: Date;
  @TimestampProp() updatedAt: Date;
}

export class CycleView implements Cycle {
  @UuidProp() id: string;
  @TextProp({ example: '2021-2022' }) label: string;
  @IntProp({ example: 2021 }) startYear: number;
  @TimestampProp() createdAt: Date;
}

export class RecommendationView {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @IntProp({ minimum: 1, description: 'Número de la recomendación en el informe.' }) number: number;
  @TextProp() text: string;
}

export class EvaluationView implements EvaluationShape {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @TextProp({ nullable: true, description: 'Identificador del publicador (p. ej. ID_EVALUACION de SHCP).' }) externalId: string | null;
  @TextProp() title: string;
  @TextProp() evaluationType: string;
  @IntProp({ nullable: true, description: 'Año del Programa Anual de Evaluación.' }) paeYear: number | null;
  @TextProp({ nullable: true }) evaluator: string | null;
  @EnumProp(COORDINATING_INSTANCES) coordinatingInstance: string;
  @UuidProp({ nullable: true }) reportFileId: string | null;
  @UuidArrayProp({ description: 'Programas evaluados.' }) programIds: string[];
  @ArrayProp(() => RecommendationView) recommendations: RecommendationView[];
  @TimestampProp() createdAt: Date;
  @TimestampProp() updatedAt: Date;
}
