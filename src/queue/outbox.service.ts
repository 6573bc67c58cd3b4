import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Follow-ups that must happen after a committed change (notices by e-mail). */
export const OUTBOX_EVENTS = [
  'avance.enviado',
  'avance.devuelto',
  'avance.aprobado',
  'prorroga.solicitada',
  'prorroga.aprobada',
  'prorroga.rechazada',
  'corte.abierto',
] as const;
export type OutboxEventType = (typeof OUTBOX_EVENTS)[number];

/**
 * Writes to the outbox inside the caller's transaction, so the follow-up exists
 * exactly when the change does; the worker relays it to the queue. Redis being
 * down never loses one.
 */
@Injectable()
export class OutboxService {
  async add(em: EntityManager, type: OutboxEventType, payload: Record<string, unknown>): Promise<void> {
    await em.query(`INSERT INTO outbox (event_type, payload) VALUES ($1, $2)`, [type, payload]);
  }

  /**
   * The same insert as a statement to embed in a larger one (a data-modifying
   * CTE), one row per row of `from`; the type and payload are the given
   * parameter placeholders.
   */
  static insertFrom(from: string, typeParam: string, payloadParam: string): string {
    return `INSERT INTO outbox (event_type, payload) SELECT ${typeParam}::text, ${payloadParam}::jsonb FROM ${from}`;
  }
}
