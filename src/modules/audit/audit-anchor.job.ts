import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { ScheduledJob, ScheduledRun } from '../../queue/jobs';
import { AuditAnchors } from './audit-anchors';

const EVERY_MS = 60 * 60 * 1000;

/**
 * The worker anchors the bitácora's head once a day (dated in the
 * institution's time zone). It checks every hour, so a day with the worker or
 * PostgreSQL down for a while still gets its anchor; the database keeps one
 * per date, so any number of workers write one. It does not go through Redis:
 * an integrity record must not wait for the queue. Each anchor is also
 * logged, which keeps a copy outside the database.
 */
@ScheduledJob({ name: 'ancla-diaria', every: () => EVERY_MS, firstRun: 'after-ready' })
@Injectable()
export class AuditAnchorJob implements ScheduledRun {
  private readonly logger = new Logger('Bitácora');

  constructor(
    private readonly anchors: AuditAnchors,
    private readonly clock: Clock,
  ) {}

  run(): Promise<void> {
    return this.anchorToday();
  }

  async anchorToday(): Promise<void> {
    const day = this.clock.today();
    try {
      const a = await this.anchors.record('diario', day);
      if (a.recorded) this.logger.log({ day, auditSeq: a.seq, auditHash: a.hash }, `Ancla diaria de la bitácora ${day}: evento ${a.seq}, hash ${a.hash}`);
    } catch (err) {
      this.logger.warn({ day, err: (err as Error).message }, 'No se pudo anclar la bitácora hoy; se reintenta en una hora.');
    }
  }
}
