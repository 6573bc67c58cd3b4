import { DomainError } from '../../common/errors/domain-error';
import { AsmErrorCode } from './asm.errors';
import { AsmStatus } from './asm.types';

/**
 * The ASM life cycle (product.md §3):
 *   borrador → comprometido (plan complete) → en_proceso (first approved progress)
 *   → concluido (every action approved at 100 %); cancelado from any non-final
 *   state with a justification; concluido → en_proceso when the evaluation unit
 *   reopens it with a reason.
 */
export const ASM_EVENTS = ['commit', 'start_progress', 'conclude', 'cancel', 'reopen'] as const;
export type AsmEvent = (typeof ASM_EVENTS)[number];

const TRANSITIONS: Record<AsmEvent, Partial<Record<AsmStatus, AsmStatus>>> = {
  commit: { borrador: 'comprometido' },
  start_progress: { comprometido: 'en_proceso' },
  conclude: { comprometido: 'concluido', en_proceso: 'concluido' },
  cancel: { borrador: 'cancelado', comprometido: 'cancelado', en_proceso: 'cancelado' },
  reopen: { concluido: 'en_proceso' },
};

const STATUS_LABEL: Record<AsmStatus, string> = {
  borrador: 'borrador',
  comprometido: 'comprometido',
  en_proceso: 'en proceso',
  concluido: 'concluido',
  cancelado: 'cancelado',
};

const EVENT_LABEL: Record<AsmEvent, string> = {
  commit: 'comprometer',
  start_progress: 'pasar a en proceso',
  conclude: 'concluir',
  cancel: 'cancelar',
  reopen: 'reabrir',
};

const HINT: Record<AsmEvent, string> = {
  commit: 'Solo se compromete un ASM en borrador.',
  start_progress: 'Un ASM pasa a en proceso con el primer avance aprobado después de comprometerse.',
  conclude: 'Un ASM concluye cuando todas sus acciones tienen un avance aprobado al 100 %.',
  cancel: 'Un ASM concluido o ya cancelado no se puede cancelar.',
  reopen: 'Solo se reabre un ASM concluido.',
};

export class AsmTransitionError extends DomainError {
  constructor(from: AsmStatus, event: AsmEvent) {
    super(AsmErrorCode.TransitionInvalid, `No se puede ${EVENT_LABEL[event]} un ASM en estado ${STATUS_LABEL[from]}. ${HINT[event]}`, 'conflict', [
      { field: 'status', message: `Estado actual: ${STATUS_LABEL[from]}.`, currentStatus: from },
    ]);
  }
}

export function nextStatus(from: AsmStatus, event: AsmEvent): AsmStatus {
  const to = TRANSITIONS[event][from];
  if (!to) throw new AsmTransitionError(from, event);
  return to;
}

export function canTransition(from: AsmStatus, event: AsmEvent): boolean {
  return TRANSITIONS[event][from] !== undefined;
}

/** Concluded and cancelled ASMs are closed records: their texts and plan no longer change. */
export function isEditable(status: AsmStatus): boolean {
  return status !== 'concluido' && status !== 'cancelado';
}

export function statusLabel(status: AsmStatus): string {
  return STATUS_LABEL[status];
}
