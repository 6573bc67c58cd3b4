import { DomainError, NotFoundError } from '../../common/errors/domain-error';

/** Every code the reporting module throws (besides the shared VALIDATION_FAILED, DUPLICATE and VERSION_CONFLICT). */
export enum ReportingErrorCode {
  CorteNotFound = 'CORTE_NOT_FOUND',
  CorteStateInvalid = 'CORTE_STATE_INVALID',
  CorteMonthNotAllowed = 'CORTE_MONTH_NOT_ALLOWED',
  CorteOutOfOrder = 'CORTE_OUT_OF_ORDER',
  CorteAlreadyOpen = 'CORTE_ALREADY_OPEN',
  CorteHasPendingReviews = 'CORTE_HAS_PENDING_REVIEWS',
  CorteNotClosed = 'CORTE_NOT_CLOSED',
  CorteOfOtherInstitution = 'CORTE_OF_OTHER_INSTITUTION',
  FormatNotAvailable = 'FORMAT_NOT_AVAILABLE',
  CycleNotFound = 'CYCLE_NOT_FOUND',
  ProgramNotFound = 'PROGRAM_NOT_FOUND',
  InstitutionNotFound = 'INSTITUTION_NOT_FOUND',
}

type CorteStateCode =
  | ReportingErrorCode.CorteStateInvalid
  | ReportingErrorCode.CorteMonthNotAllowed
  | ReportingErrorCode.CorteOutOfOrder
  | ReportingErrorCode.CorteAlreadyOpen
  | ReportingErrorCode.CorteNotClosed;

export class CorteNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('el corte', ReportingErrorCode.CorteNotFound, id);
  }
}

/** A cut's state (or the mechanism's order of cuts) does not allow the change asked for. */
export class CorteStateError extends DomainError {
  constructor(message: string, code: CorteStateCode = ReportingErrorCode.CorteStateInvalid) {
    super(code, message, 'conflict');
  }
}

export class CorteHasPendingReviewsError extends DomainError {
  constructor(pending: number) {
    super(
      ReportingErrorCode.CorteHasPendingReviews,
      `Hay ${pending} avance(s) enviados sin revisar en este corte; apruébalos o devuélvelos, o cierra con "force": true para dejarlos fuera.`,
      'conflict',
      [{ field: 'force', message: `${pending} avance(s) pendientes de revisión.`, pending }],
    );
  }
}

export class CorteOfOtherInstitutionError extends DomainError {
  constructor() {
    super(
      ReportingErrorCode.CorteOfOtherInstitution,
      'El corte es de otra institución; pide el documento con el corte de la institución que nombras.',
      'validation',
      [{ field: 'institutionId', message: 'No es la institución del corte.' }],
    );
  }
}

export class FormatNotAvailableError extends DomainError {
  constructor() {
    super(ReportingErrorCode.FormatNotAvailable, 'Los datos abiertos se producen solo en CSV.', 'validation', [
      { field: 'format', message: 'Usa format=csv.' },
    ]);
  }
}

export class CycleNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('el ciclo', ReportingErrorCode.CycleNotFound, id);
  }
}

export class ProgramNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('el programa', ReportingErrorCode.ProgramNotFound, id);
  }
}

export class InstitutionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('la institución', ReportingErrorCode.InstitutionNotFound, id);
  }
}
