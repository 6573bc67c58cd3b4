import { DomainError, ErrorDetail, NotFoundError } from '../../common/errors/domain-error';

/** Every code the asm module throws (besides the common ones: VALIDATION_FAILED, VERSION_CONFLICT, …). */
export enum AsmErrorCode {
  /** 404: no ASM has this id (or the caller cannot see it); check the id or the list. */
  AsmNotFound = 'ASM_NOT_FOUND',
  /** 404: no action of this ASM has this id; check the id. */
  ActionNotFound = 'ACTION_NOT_FOUND',
  /** 409: committing a plan whose actions lack areas, due date, expected results or products; complete what `details` name. */
  PlanIncomplete = 'ASM_PLAN_INCOMPLETE',
  /** 409: the ASM is concluded or cancelled and takes no changes; a concluded one can be reopened by the evaluation unit. */
  NotEditable = 'ASM_NOT_EDITABLE',
  /** 409: the status change is not allowed from the current status (in `details`); follow the hint in the message. */
  TransitionInvalid = 'ASM_TRANSITION_INVALID',
  /** 409: deleting an action of an ASM that is no longer a draft; request an extension or cancel the ASM instead. */
  ActionNotRemovable = 'ACTION_NOT_REMOVABLE',
  /** 409: editing the percent of a committed action; it changes only through an approved avance. */
  PercentLocked = 'ACTION_PERCENT_LOCKED',
  /** 409: editing the due date of a committed action; it changes only through an approved prórroga. */
  DueDateLocked = 'ACTION_DUE_DATE_LOCKED',
}

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
