import { DomainError, ErrorDetail, NotFoundError } from '../../common/errors/domain-error';

/** Every code the progress module throws (besides the common ones: VALIDATION_FAILED, VERSION_CONFLICT, …). */
export enum ProgressErrorCode {
  /** 404: no avance has this id; check the id. */
  AvanceNotFound = 'AVANCE_NOT_FOUND',
  /** 404: no prórroga has this id; check the id. */
  ProrrogaNotFound = 'PRORROGA_NOT_FOUND',
  /** 409: reporting an avance while no corte is open; wait for the evaluation unit to open the next. */
  NoOpenCorte = 'NO_OPEN_CORTE',
  /** 409: the avance belongs to a corte that is no longer open; record a new one in the open corte. */
  CorteClosed = 'CORTE_CLOSED',
  /** 409: reporting on an ASM that is a draft, concluded or cancelled. */
  AsmNotReportable = 'ASM_NOT_REPORTABLE',
  /** 409: the avance status (in `details`) does not allow this step. */
  AvanceStateInvalid = 'AVANCE_STATE_INVALID',
  /** 409: the action already has an avance in the open corte; edit that one (`details` carry `avanceId`). */
  AvanceAlreadyOpen = 'AVANCE_ALREADY_OPEN',
  /** 409: requesting a prórroga for an action already at 100 %. */
  ActionComplete = 'ACTION_COMPLETE',
  /** 409: the action already has a prórroga awaiting decision (`details` carry `prorrogaId`). */
  ProrrogaPending = 'PRORROGA_PENDING',
  /** 409: deciding a prórroga that was already approved or rejected. */
  ProrrogaDecided = 'PRORROGA_DECIDED',
  /** 409: the due date changed after the prórroga was requested; reject it and request a new one. */
  ProrrogaStale = 'PRORROGA_STALE',
}

export class ProgressRuleError extends DomainError {
  constructor(code: ProgressErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, message, 'conflict', details);
  }
}

export const avanceNotFound = (id: string): NotFoundError => new NotFoundError('el avance', ProgressErrorCode.AvanceNotFound, id);

export const prorrogaNotFound = (id: string): NotFoundError => new NotFoundError('la prórroga', ProgressErrorCode.ProrrogaNotFound, id);

export const noOpenCorte = () =>
  new ProgressRuleError(
    ProgressErrorCode.NoOpenCorte,
    'No hay un corte abierto: los avances se reportan en el corte que abre la unidad de evaluación. Espera a que abra el siguiente.',
  );

export const corteClosed = (label: string) =>
  new ProgressRuleError(
    ProgressErrorCode.CorteClosed,
    `El corte ${label} ya no está abierto: este avance quedó fuera. Registra uno nuevo en el corte abierto.`,
  );

export function asmNotReportable(status: string): ProgressRuleError {
  const why: Record<string, string> = {
    borrador: 'el ASM aún no se compromete; el área coordinadora debe completar y comprometer el plan primero',
    concluido: 'el ASM ya está concluido',
    cancelado: 'el ASM está cancelado',
  };
  return new ProgressRuleError(ProgressErrorCode.AsmNotReportable, `No se puede reportar avance: ${why[status] ?? `el ASM está ${status}`}.`);
}

export const avanceState = (status: string, verb: string) =>
  new ProgressRuleError(ProgressErrorCode.AvanceStateInvalid, `No se puede ${verb} un avance ${status}.`, [
    { field: 'status', message: `Estado actual: ${status}.` },
  ]);

export const avanceAlreadyOpen = (status: string, avanceId: string) =>
  new ProgressRuleError(ProgressErrorCode.AvanceAlreadyOpen, `Esta acción ya tiene un avance ${status} en el corte abierto; edítalo en lugar de crear otro.`, [
    { field: 'actionId', message: 'Avance en curso.', avanceId },
  ]);

export const actionComplete = () => new ProgressRuleError(ProgressErrorCode.ActionComplete, 'La acción ya está al 100 %; no necesita prórroga.');

export const prorrogaPending = (prorrogaId: string) =>
  new ProgressRuleError(
    ProgressErrorCode.ProrrogaPending,
    'Esta acción ya tiene una prórroga en espera de decisión; espera la respuesta del área coordinadora.',
    [{ field: 'actionId', message: 'Prórroga pendiente.', prorrogaId }],
  );

export const prorrogaDecided = (status: string) =>
  new ProgressRuleError(ProgressErrorCode.ProrrogaDecided, `La prórroga ya fue ${status}; no se puede decidir de nuevo.`);

export const prorrogaStale = () =>
  new ProgressRuleError(ProgressErrorCode.ProrrogaStale, 'La fecha de término cambió después de la solicitud; rechaza esta prórroga y pide una nueva.');
