import { DomainError, ErrorDetail, NotFoundError } from '../../common/errors/domain-error';
import { ProgressErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { ProgressErrorCode };

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
