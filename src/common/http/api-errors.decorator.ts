import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ArrayProp, IntProp, TextProp, UuidProp } from './view-properties';

export class ErrorDetailView {
  @TextProp({ optional: true, description: 'Campo al que se refiere, con su nombre en la API (p. ej. actions[0].dueDate).', example: 'actions[0].dueDate' })
  field?: string;
  @TextProp({ example: 'Acción 1: la fecha de término es obligatoria.' }) message: string;
  @IntProp({ optional: true, nullable: true, description: 'Importaciones: renglón del archivo.' }) row?: number | null;
  @TextProp({ optional: true, description: 'Restricción de la base de datos que rechazó el cambio.' }) constraint?: string;
  @IntProp({ optional: true, description: 'Conflicto de versión: la versión vigente del registro.' }) currentVersion?: number;
  @UuidProp({ optional: true, description: 'Avance que ya existe para la acción en el corte.' }) avanceId?: string;
  @UuidProp({ optional: true, description: 'Prórroga que ya está pendiente de decisión.' }) prorrogaId?: string;
}

/** The one error body of the API (docs/decisions/0003-errors.md). */
export class ErrorView {
  @TextProp({ description: 'Código estable del error.', example: 'ASM_TRANSITION_INVALID' }) code: string;
  @TextProp({
    description: 'Qué pasó y qué hacer, en español.',
    example: 'No se puede comprometer un ASM en estado concluido. Solo se compromete un ASM en borrador.',
  })
  message: string;
  @ArrayProp(() => ErrorDetailView, { description: 'Un elemento por campo o problema (vacío si no aplica).' }) details: ErrorDetailView[];
  @TextProp({ description: 'Identificador de la solicitud (encabezado X-Request-Id): repórtalo a soporte.' }) requestId: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Datos inválidos (cada campo en details).',
  401: 'Sin sesión válida.',
  403: 'Sin permiso para esta operación.',
  404: 'No existe el registro.',
  409: 'Conflicto: versión desactualizada o transición no permitida.',
  413: 'Solicitud demasiado grande.',
  415: 'Tipo de archivo o contenido no admitido.',
  422: 'Un identificador referido no existe.',
  429: 'Demasiadas solicitudes.',
  503: 'Un servicio del que depende la operación no responde.',
};

/** Documents the error answers a route can give, all in the one error shape. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorView })));
}
