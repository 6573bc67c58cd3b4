import { Injectable } from '@nestjs/common';
import type { Db } from '../../database/sql';
import { AvancesRepository } from './avances.repository';

/**
 * The progress module's API for the evidence module: the events of an avance's
 * history that evidence makes (a file attached, a file withdrawn), written in
 * the caller's transaction. avance_events belongs to progress; no other module
 * writes it directly.
 */
@Injectable()
export class AvanceHistory {
  constructor(private readonly avances: AvancesRepository) {}

  async evidenceEvent(
    db: Db,
    e: { avanceId: string; actorId: string | null; event: 'evidencia_agregada' | 'evidencia_retirada'; note: string | null },
  ): Promise<void> {
    await this.avances.recordEvent(db, e);
  }
}
