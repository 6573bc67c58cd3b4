import { DomainError, NotFoundError } from '../../common/errors/domain-error';
import { ReportingErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { ReportingErrorCode };

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
