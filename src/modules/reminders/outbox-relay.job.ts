import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ScheduledJob, ScheduledRun } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import { DeliverySweeper } from './delivery-sweeper';
import { OutboxRelay } from './outbox-relay';

/**
 * The tick every RELAY_INTERVAL_MS that keeps Redis in step with PostgreSQL
 * (decision 0019): relays the outbox and the messages not yet queued; notices
 * when Redis lost its data (the witness key is gone) and then hands everything
 * waiting to the queue again and registers the schedule again; re-asserts the
 * daily scan's schedule (a BullMQ job scheduler, registered idempotently) at
 * every tick; and sweeps for lost jobs every MAIL_SWEEP_INTERVAL_MS. Its first
 * run registers the schedule and hands over what waited in PostgreSQL before
 * the worker is called ready.
 */
@ScheduledJob({ name: 'relevo', every: (config) => config.get('RELAY_INTERVAL_MS'), firstRun: 'before-ready' })
@Injectable()
export class OutboxRelayJob implements ScheduledRun {
  private readonly logger = new Logger('Worker');
  /** Redis answered at least once since this process started. */
  private sawRedis = false;
  /** This process registered the schedule at least once. */
  private scheduled = false;
  private lastSweep = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly relay: OutboxRelay,
    private readonly sweeper: DeliverySweeper,
  ) {}

  async run(): Promise<void> {
    await this.relay.tick();
    await this.keepQueueInStep();
  }

  /** Redis may have lost everything it held (no persistence, a flush, a new server): PostgreSQL says what it should hold. */
  private async keepQueueInStep(): Promise<void> {
    try {
      const forgot = await this.queues.redisForgot();
      if (forgot && this.sawRedis) {
        this.logger.warn('Redis perdió sus datos (se reinició sin persistencia, se vació o se reemplazó): se programa de nuevo el escaneo diario y se entrega otra vez a la cola lo pendiente del registro de envíos.');
      }
      this.sawRedis = true;
      if (!this.scheduled || !(await this.queues.dailyScanScheduled())) {
        await this.queues.scheduleDailyScan();
        if (this.scheduled) this.logger.warn(`El escaneo diario ya no estaba programado en Redis; se programó de nuevo a las ${this.config.get('REMINDER_TIME')}.`);
        else this.logger.log(`Escaneo diario programado a las ${this.config.get('REMINDER_TIME')}.`);
        this.scheduled = true;
      }
      if (forgot || this.lastSweep === 0 || Date.now() - this.lastSweep >= this.config.get('MAIL_SWEEP_INTERVAL_MS')) {
        const found = await this.sweeper.sweep();
        this.lastSweep = Date.now();
        if (found.mails + found.notices > 0) {
          this.logger.warn(found, 'Trabajos que Redis ya no tenía, entregados de nuevo a la cola desde el registro de envíos y la bandeja de salida.');
        }
      }
    } catch {
      // Redis (or PostgreSQL) is away: the relay has said so once; the next tick tries again.
    }
  }
}
