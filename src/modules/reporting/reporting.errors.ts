import { DomainError, NotFoundError } from '../../common/errors/domain-error';

/**
 * Every code the reporting module throws of its own, besides the shared VALIDATION_FAILED, DUPLICATE and
 * VERSION_CONFLICT and the catalog's CYCLE_NOT_FOUND, PROGRAM_NOT_FOUND and INSTITUTION_NOT_FOUND (catalog.errors.ts).
 */
export enum ReportingErrorCode {
  /** 404: no corte has this id; check the id. */
  CorteNotFound = 'CORTE_NOT_FOUND',
  /** 409: the corte status does not allow the change (only a scheduled corte opens, only an open one closes). */
  CorteStateInvalid = 'CORTE_STATE_INVALID',
  /** 409: the month is not one of the configured corte months (setting cortes.meses). */
  CorteMonthNotAllowed = 'CORTE_MONTH_NOT_ALLOWED',
  /** 409: a later corte is already closed; cortes go in date order. */
  CorteOutOfOrder = 'CORTE_OUT_OF_ORDER',
  /** 409: another corte is open; close it before opening this one. */
  CorteAlreadyOpen = 'CORTE_ALREADY_OPEN',
  /** 409: closing a corte with submitted avances not yet reviewed; review them or close with force. */
  CorteHasPendingReviews = 'CORTE_HAS_PENDING_REVIEWS',
  /** 409: asking for the snapshot of a corte that is not closed yet. */
  CorteNotClosed = 'CORTE_NOT_CLOSED',
  /** 400: the corte named belongs to another institution than the one asked for. */
  CorteOfOtherInstitution = 'CORTE_OF_OTHER_INSTITUTION',
  /** 400: open data is produced only as CSV; use format=csv. */
  FormatNotAvailable = 'FORMAT_NOT_AVAILABLE',
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
