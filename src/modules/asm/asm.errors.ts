import { DomainError, ErrorDetail, NotFoundError } from '../../common/errors/domain-error';
import { AsmErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { AsmErrorCode };

export const asmNotFound = (id: string): NotFoundError => new NotFoundError('el ASM', AsmErrorCode.AsmNotFound, id);

export const actionNotFound = (id: string): NotFoundError => new NotFoundError('la acción', AsmErrorCode.ActionNotFound, id);

export class AsmPlanIncompleteError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super(
      AsmErrorCode.PlanIncomplete,
      'El plan de acción está incompleto: cada acción necesita áreas responsables, fecha de término, resultados esperados y productos y/o evidencias. Completa lo señalado y vuelve a comprometer el ASM.',
      'conflict',
      details,
    );
  }
}

export class AsmNotEditableError extends DomainError {
  constructor(status: string) {
    super(
      AsmErrorCode.NotEditable,
      `El ASM está ${status === 'concluido' ? 'concluido' : 'cancelado'} y ya no admite cambios${status === 'concluido' ? '; si necesitas corregirlo, la unidad de evaluación puede reabrirlo' : ''}.`,
      'conflict',
    );
  }
}

export class ActionNotRemovableError extends DomainError {
  constructor() {
    super(
      AsmErrorCode.ActionNotRemovable,
      'Solo se pueden eliminar acciones de un ASM en borrador; en un ASM comprometido registra el cambio como una prórroga o cancela el ASM.',
      'conflict',
    );
  }
}

export class PercentLockedError extends DomainError {
  constructor() {
    super(
      AsmErrorCode.PercentLocked,
      'El % de avance de una acción comprometida solo cambia con un avance aprobado; registra un avance en el corte abierto.',
      'conflict',
      [{ field: 'percent', message: 'No editable en un ASM comprometido.' }],
    );
  }
}

export class DueDateLockedError extends DomainError {
  constructor() {
    super(
      AsmErrorCode.DueDateLocked,
      'La fecha de término de una acción comprometida solo cambia con una prórroga aprobada; solicita una prórroga.',
      'conflict',
      [{ field: 'dueDate', message: 'No editable en un ASM comprometido.' }],
    );
  }
}
