import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

export class ErrorDetailView {
  @ApiProperty({ required: false, example: 'actions[0].dueDate' }) field?: string;
  @ApiProperty({ example: 'La acción 1 no tiene fecha de término.' }) message: string;
}

export class ErrorView {
  @ApiProperty({ example: 'ASM_TRANSITION_INVALID' }) code: string;
  @ApiProperty({ example: 'No se puede comprometer un ASM en estado concluido. Solo se compromete un ASM en borrador.' }) message: string;
  @ApiProperty({ type: [ErrorDetailView] }) details: ErrorDetailView[];
  @ApiProperty({ required: false }) requestId?: string;
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
};

/** Documents the error answers a route can give, all in the one error shape. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorView })));
}
