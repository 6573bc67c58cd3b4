import { JobData, JOBS, jobIds, QUEUES } from './queue.names';

/**
 * Follow-ups that must happen after a committed change: each event type with
 * what its producer writes in the payload. A new type is a new key here and in
 * OUTBOX_JOBS, which says the job it becomes; an event turned into notices
 * does not compile until the notices (src/modules/reminders/notices.service.ts)
 * have a builder for it. `by` is the person who acted (null: the system).
 */
export interface OutboxPayloads {
  'avance.enviado': { avanceId: string; actionId: string; asmId: string; corteId: string; percent: number | string; by: string | null };
  'avance.devuelto': { avanceId: string; actionId: string; asmId: string; corteId: string; reason: string; by: string | null };
  'avance.aprobado': { avanceId: string; actionId: string; asmId: string; corteId: string; percent: number | string; asmStatus: string; by: string | null };
  'prorroga.solicitada': { prorrogaId: string; actionId: string; asmId: string; requestedDueDate: string; by: string | null };
  'prorroga.aprobada': { prorrogaId: string; actionId: string; asmId: string; requestedDueDate: string; reason?: string | null; by: string | null };
  'prorroga.rechazada': { prorrogaId: string; actionId: string; asmId: string; requestedDueDate: string; reason?: string | null; by: string | null };
  'corte.abierto': { corteId: string; label: string };
  'corte.cerrado': { corteId: string; label: string };
}

export type OutboxEventType = keyof OutboxPayloads;

/** The jobs an outbox event can become. */
type OutboxJobName = typeof JOBS.notice | typeof JOBS.recordCut;

/**
 * The job each event type becomes when the relay hands it to the queue:
 * 'aviso', notices for the people concerned; 'registrar-documentos-corte', the
 * closed cut's documents of record produced and recorded (nobody is told).
 */
export const OUTBOX_JOBS = {
  'avance.enviado': JOBS.notice,
  'avance.devuelto': JOBS.notice,
  'avance.aprobado': JOBS.notice,
  'prorroga.solicitada': JOBS.notice,
  'prorroga.aprobada': JOBS.notice,
  'prorroga.rechazada': JOBS.notice,
  'corte.abierto': JOBS.notice,
  'corte.cerrado': JOBS.recordCut,
} as const satisfies { [K in OutboxEventType]: OutboxJobName };

/** The event types turned into notices: the notices have a builder for each, and for no other. */
export type NoticeEventType = { [K in OutboxEventType]: (typeof OUTBOX_JOBS)[K] extends typeof JOBS.notice ? K : never }[OutboxEventType];

/** An event as the outbox holds it: the type as written (an older or newer release may have written one this one does not know). */
export interface StoredOutboxEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
}

/** The job an event becomes, with its stable id: handing the same event over twice adds one job. */
export type OutboxJob =
  | { queue: typeof QUEUES.notices; name: typeof JOBS.notice; id: string; data: JobData[typeof JOBS.notice] }
  | { queue: typeof QUEUES.documents; name: typeof JOBS.recordCut; id: string; data: JobData[typeof JOBS.recordCut] };

function isKnown(type: string): type is OutboxEventType {
  return Object.hasOwn(OUTBOX_JOBS, type);
}

/** What the relay (and the sweeper, when Redis lost it) hands to the queue for an event. A type this release does not know goes to the notices, which have none for it and mark it handled. */
export function outboxJob(e: StoredOutboxEvent): OutboxJob {
  if (isKnown(e.type) && OUTBOX_JOBS[e.type] === JOBS.recordCut) {
    // Written by CortesService.close, typed by OutboxPayloads['corte.cerrado'].
    const { corteId } = e.payload as OutboxPayloads['corte.cerrado'];
    return { queue: QUEUES.documents, name: JOBS.recordCut, id: jobIds.recordCut(corteId), data: { corteId, outboxId: Number(e.id) } };
  }
  return { queue: QUEUES.notices, name: JOBS.notice, id: jobIds.notice(e.id), data: { outboxId: Number(e.id) } };
}
