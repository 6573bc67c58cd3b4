/**
 * Follow-ups that must happen after a committed change (notices by e-mail):
 * each event type with what its producer writes in the payload. A new type is
 * a new key here; the notices (src/modules/reminders/notices.service.ts) do
 * not compile until it has a builder. `by` is the person who acted (null: the
 * system).
 */
export interface OutboxPayloads {
  'avance.enviado': { avanceId: string; actionId: string; asmId: string; corteId: string; percent: number | string; by: string | null };
  'avance.devuelto': { avanceId: string; actionId: string; asmId: string; corteId: string; reason: string; by: string | null };
  'avance.aprobado': { avanceId: string; actionId: string; asmId: string; corteId: string; percent: number | string; asmStatus: string; by: string | null };
  'prorroga.solicitada': { prorrogaId: string; actionId: string; asmId: string; requestedDueDate: string; by: string | null };
  'prorroga.aprobada': { prorrogaId: string; actionId: string; asmId: string; requestedDueDate: string; reason?: string | null; by: string | null };
  'prorroga.rechazada': { prorrogaId: string; actionId: string; asmId: string; requestedDueDate: string; reason?: string | null; by: string | null };
  'corte.abierto': { corteId: string; label: string };
}

export type OutboxEventType = keyof OutboxPayloads;
