import { DomainError, ErrorDetail } from '../../common/errors/domain-error';

export class ProgressRuleError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(code, message, 'conflict', details);
  }
}

export const noOpenCorte = () =>
  new ProgressRuleError('NO_OPEN_CORTE', 'No hay un corte abierto: los avances se reportan en el corte que abre la unidad de evaluación. Espera a que abra el siguiente.');

export const corteClosed = (label: string) =>
  new ProgressRuleError('CORTE_CLOSED', `El corte ${label} ya no está abierto: este avance quedó fuera. Registra uno nuevo en el corte abierto.`);

export function asmNotReportable(status: string): ProgressRuleError {
  const why: Record<string, string> = {
    borrador: 'el ASM aún no se compromete; el área coordinadora debe completar y comprometer el plan primero',
    concluido: 'el ASM ya está concluido',
    cancelado: 'el ASM está cancelado',
  };
  return new ProgressRuleError('ASM_NOT_REPORTABLE', `No se puede reportar avance: ${why[status] ?? `el ASM está ${status}`}.`);
}

export const avanceState = (status: string, verb: string) =>
  new ProgressRuleError('AVANCE_STATE_INVALID', `No se puede ${verb} un avance ${status}.`, [{ field: 'status', message: `Estado actual: ${status}.` }]);
