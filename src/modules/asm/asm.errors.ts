import { DomainError, ErrorDetail } from '../../common/errors/domain-error';

export class AsmPlanIncompleteError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super(
      'ASM_PLAN_INCOMPLETE',
      'El plan de acción está incompleto: cada acción necesita áreas responsables, fecha de término, resultados esperados y productos y/o evidencias. Completa lo señalado y vuelve a comprometer el ASM.',
      'conflict',
      details,
    );
  }
}

export class AsmNotEditableError extends DomainError {
  constructor(status: string) {
    super(
      'ASM_NOT_EDITABLE',
      `El ASM está ${status === 'concluido' ? 'concluido' : 'cancelado'} y ya no admite cambios${status === 'concluido' ? '; si necesitas corregirlo, la unidad de evaluación puede reabrirlo' : ''}.`,
      'conflict',
    );
  }
}

export class ActionNotRemovableError extends DomainError {
  constructor() {
    super(
      'ACTION_NOT_REMOVABLE',
      'Solo se pueden eliminar acciones de un ASM en borrador; en un ASM comprometido registra el cambio como una prórroga o cancela el ASM.',
      'conflict',
    );
  }
}

export class PercentLockedError extends DomainError {
  constructor() {
    super(
      'ACTION_PERCENT_LOCKED',
      'El % de avance de una acción comprometida solo cambia con un avance aprobado; registra un avance en el corte abierto.',
      'conflict',
      [{ field: 'percent', message: 'No editable en un ASM comprometido.' }],
    );
  }
}

export class DueDateLockedError extends DomainError {
  constructor() {
    super(
      'ACTION_DUE_DATE_LOCKED',
      'La fecha de término de una acción comprometida solo cambia con una prórroga aprobada; solicita una prórroga.',
      'conflict',
      [{ field: 'dueDate', message: 'No editable en un ASM comprometido.' }],
    );
  }
}
