import { PageQuery } from '../../../common/http/pagination';
import {
  BooleanField,
  DateField,
  EnumField,
  IntField,
  NestedArrayField,
  PatternField,
  TextField,
  UuidArrayField,
  UuidField,
  VersionField,
} from '../../../common/validation/fields';
import { COORDINATING_INSTANCES } from '../catalog.types';
import type { CoordinatingInstance } from '../catalog.types';

export class SearchQuery extends PageQuery {
  @TextField({ description: 'Texto a buscar en el nombre (sin distinguir acentos ni mayúsculas).', label: 'el texto a buscar', max: 200, optional: true })
  q?: string;
}

export class CreateRamoDto {
  @PatternField({
    description: 'Clave del ramo (1 a 3 dígitos).',
    label: 'la clave del ramo',
    pattern: /^[0-9]{1,3}$/,
    hint: '1 a 3 dígitos, por ejemplo 19',
    max: 3,
    example: '19',
  })
  code: string;

  @TextField({ description: 'Nombre del ramo.', label: 'el nombre del ramo', max: 300, example: 'Aportaciones a Seguridad Social' })
  name: string;
}

export class CreateInstitutionDto {
  @TextField({ description: 'Siglas.', label: 'las siglas', max: 50, example: 'IMSS' })
  acronym: string;

  @TextField({
    description: 'Nombre de la dependencia o entidad.',
    label: 'el nombre de la institución',
    max: 300,
    example: 'Instituto Mexicano del Seguro Social',
  })
  name: string;
}

export class UpdateInstitutionDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Siglas.', label: 'las siglas', max: 50, optional: true })
  acronym?: string;

  @TextField({ description: 'Nombre.', label: 'el nombre de la institución', max: 300, optional: true })
  name?: string;
}

export class CreateProgramDto {
  @UuidField({ description: 'Institución que opera el programa.', label: 'la institución' })
  institutionId: string;

  @PatternField({ description: 'Ramo.', label: 'el ramo', pattern: /^[0-9]{1,3}$/, hint: '1 a 3 dígitos, por ejemplo 19', max: 3, example: '19' })
  ramoCode: string;

  @PatternField({
    description: 'Modalidad (una letra mayúscula).',
    label: 'la modalidad',
    pattern: /^[A-Z]$/,
    hint: 'una letra mayúscula, por ejemplo S',
    max: 1,
    example: 'S',
  })
  modality: string;

  @PatternField({
    description: 'Clave (tres dígitos).',
    label: 'la clave del programa',
    pattern: /^[0-9]{3}$/,
    hint: 'tres dígitos, por ejemplo 038',
    max: 3,
    example: '038',
  })
  code: string;

  @TextField({ description: 'Nombre vigente.', label: 'el nombre del programa', max: 300, example: 'Programa IMSS-BIENESTAR' })
  name: string;

  @DateField({ description: 'Desde cuándo rige el nombre (por omisión, desde siempre).', label: 'la fecha de vigencia del nombre', optional: true })
  nameValidFrom?: string;
}

export class UpdateProgramDto {
  @VersionField()
  version: number;

  @UuidField({ description: 'Institución.', label: 'la institución', optional: true })
  institutionId?: string;

  @TextField({ description: 'Nuevo nombre; el anterior queda en el historial.', label: 'el nombre del programa', max: 300, optional: true })
  name?: string;

  @DateField({ description: 'Desde cuándo rige el nuevo nombre (por omisión, hoy).', label: 'la fecha de vigencia del nombre', optional: true })
  nameValidFrom?: string;
}

export class ListProgramsQuery extends SearchQuery {
  @UuidField({ description: 'Institución.', label: 'la institución', optional: true })
  institutionId?: string;
}

export class CreateAreaDto {
  @TextField({ description: 'Nombre de la unidad administrativa (único).', label: 'el nombre del área', max: 300 })
  name: string;

  @TextField({ description: 'Siglas.', label: 'las siglas', max: 50, optional: true, nullable: true })
  acronym?: string | null;

  @UuidField({ description: 'Área superior.', label: 'el área superior', optional: true, nullable: true })
  parentId?: string | null;
}

export class UpdateAreaDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Nombre.', label: 'el nombre del área', max: 300, optional: true })
  name?: string;

  @TextField({ description: 'Siglas.', label: 'las siglas', max: 50, optional: true, nullable: true })
  acronym?: string | null;

  @UuidField({ description: 'Área superior.', label: 'el área superior', optional: true, nullable: true })
  parentId?: string | null;

  @BooleanField({ description: 'Activa.', label: 'el campo «Activa»', optional: true })
  active?: boolean;
}

export class CreateCycleDto {
  @PatternField({
    description: 'Periodo del mecanismo: dos años consecutivos.',
    label: 'el periodo',
    pattern: /^\d{4}-\d{4}$/,
    hint: 'AAAA-AAAA con años consecutivos, por ejemplo 2021-2022',
    max: 9,
    example: '2021-2022',
  })
  label: string;
}

export class RecommendationInput {
  @IntField({ description: 'Número de la recomendación en el informe.', label: 'el número de la recomendación', min: 1, max: 100000 })
  number: number;

  @TextField({ description: 'Texto de la recomendación.', label: 'el texto de la recomendación', max: 4000 })
  text: string;
}

export class CreateEvaluationDto {
  @TextField({ description: 'Título del informe o evaluación.', label: 'el título', max: 500 })
  title: string;

  @TextField({
    description: 'Tipo (Diseño, Consistencia y Resultados, Procesos, Ficha de Monitoreo y Evaluación, ...).',
    label: 'el tipo de evaluación',
    max: 200,
  })
  evaluationType: string;

  @IntField({ description: 'Año del Programa Anual de Evaluación.', label: 'el año del PAE', min: 2000, max: 2100, optional: true, nullable: true })
  paeYear?: number | null;

  @TextField({ description: 'Evaluador externo.', label: 'el evaluador', max: 300, optional: true, nullable: true })
  evaluator?: string | null;

  @EnumField(COORDINATING_INSTANCES, { description: 'Instancia coordinadora.', label: 'la instancia coordinadora' })
  coordinatingInstance: CoordinatingInstance;

  @TextField({
    description: 'Identificador del publicador (p. ej. ID_EVALUACION de SHCP).',
    label: 'el identificador del publicador',
    max: 100,
    optional: true,
    nullable: true,
  })
  externalId?: string | null;

  @UuidArrayField({ description: 'Programas evaluados.', label: 'los programas evaluados', minSize: 1, maxSize: 50 })
  programIds: string[];

  @NestedArrayField(() => RecommendationInput, {
    description: 'Recomendaciones del informe.',
    label: 'las recomendaciones',
    itemLabel: 'la recomendación',
    minSize: 0,
    maxSize: 500,
    optional: true,
  })
  recommendations?: RecommendationInput[];
}

export class UpdateEvaluationDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Título.', label: 'el título', max: 500, optional: true })
  title?: string;

  @TextField({ description: 'Tipo.', label: 'el tipo de evaluación', max: 200, optional: true })
  evaluationType?: string;

  @IntField({ description: 'Año PAE.', label: 'el año del PAE', min: 2000, max: 2100, optional: true, nullable: true })
  paeYear?: number | null;

  @TextField({ description: 'Evaluador.', label: 'el evaluador', max: 300, optional: true, nullable: true })
  evaluator?: string | null;

  @EnumField(COORDINATING_INSTANCES, { description: 'Instancia coordinadora.', label: 'la instancia coordinadora', optional: true })
  coordinatingInstance?: CoordinatingInstance;

  @UuidArrayField({ description: 'Programas evaluados (reemplaza la lista).', label: 'los programas evaluados', minSize: 1, maxSize: 50, optional: true })
  programIds?: string[];
}

export class UpdateRecommendationDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Texto de la recomendación.', label: 'el texto de la recomendación', max: 4000 })
  text: string;
}
