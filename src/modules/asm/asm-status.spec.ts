import { ASM_STATUSES, AsmStatus } from './asm.types';
import { ASM_EVENTS, AsmEvent, AsmTransitionError, canTransition, isEditable, nextStatus } from './asm-status';

/** The whole table: every (status, event) pair is either legal with this target or refused. */
const LEGAL: Partial<Record<AsmStatus, Partial<Record<AsmEvent, AsmStatus>>>> = {
  borrador: { commit: 'comprometido', cancel: 'cancelado' },
  comprometido: { start_progress: 'en_proceso', conclude: 'concluido', cancel: 'cancelado' },
  en_proceso: { conclude: 'concluido', cancel: 'cancelado' },
  concluido: { reopen: 'en_proceso' },
  cancelado: {},
};

describe('ASM status machine', () => {
  const pairs = ASM_STATUSES.flatMap((s) => ASM_EVENTS.map((e) => [s, e] as const));

  it('covers all 25 pairs', () => expect(pairs).toHaveLength(25));

  it.each(pairs)('%s + %s', (status, event) => {
    const expected = LEGAL[status]?.[event];
    if (expected) {
      expect(canTransition(status, event)).toBe(true);
      expect(nextStatus(status, event)).toBe(expected);
    } else {
      expect(canTransition(status, event)).toBe(false);
      expect(() => nextStatus(status, event)).toThrow(AsmTransitionError);
    }
  });

  it('explains a refused transition in Spanish, with a stable code', () => {
    try {
      nextStatus('concluido', 'cancel');
      fail('should throw');
    } catch (err) {
      const e = err as AsmTransitionError;
      expect(e.code).toBe('ASM_TRANSITION_INVALID');
      expect(e.message).toBe('No se puede cancelar un ASM en estado concluido. Un ASM concluido o ya cancelado no se puede cancelar.');
      expect(e.kind).toBe('conflict');
    }
  });

  it('treats concluded and cancelled ASMs as closed records', () => {
    expect(ASM_STATUSES.filter((s) => !isEditable(s))).toEqual(['concluido', 'cancelado']);
  });
});
