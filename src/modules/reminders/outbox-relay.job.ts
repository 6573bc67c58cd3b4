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
  /**
   * A sweep is owed: at start-up, and from the tick that finds the witness key gone until a sweep completes. The
   * witness is written in the same command that finds it gone, so if the sweep then fails (a connection still
   * reconnecting) only this flag remembers that Redis lost the work, and every tick tries again.
   */
  private sweepOwed = true;
  private sweepFailing = false;
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

  /**
   * Redis may have lost everything it held (no persistence, a flush, a new server): PostgreSQL says what it should
   * hold. Each step is tried on its own, every tick: after Redis comes back each connection reconnects on its own
   * schedule, so one step may fail while another succeeds.
   */
  private async keepQueueInStep(): Promise<void> {
    try {
      if (await this.queues.redisForgot()) {
        if (this.sawRedis) {
          this.logger.warn(
            'Redis perdió sus datos (se reinició sin persistencia, se vació o se reemplazó): se programa de nuevo el escaneo diario y se entrega otra vez a la cola lo pendiente del registro de envíos.',
          );
        }
        this.sweepOwed = true;
      }
      this.sawRedis = true;
    } catch {
      // Redis is away: the relay has said so once; the next tick tries again.
      return;
    }
    try {
      if (!this.scheduled || !(await this.queues.dailyScanScheduled())) {
        await this.queues.scheduleDailyScan();
        if (this.scheduled)
          this.logger.warn(`El escaneo diario ya no estaba programado en Redis; se programó de nuevo a las ${this.config.get('REMINDER_TIME')}.`);
        else this.logger.log(`Escaneo diario programado a las ${this.config.get('REMINDER_TIME')}.`);
        this.scheduled = true;
      }
    } catch {
      // Not reachable yet on this connection: the next tick asks again.
    }
    if (!this.sweepOwed && Date.now() - this.lastSweep < this.config.get('MAIL_SWEEP_INTERVAL_MS')) return;
    try {
      const found = await this.sweeper.sweep();
      this.sweepOwed = false;
      this.sweepFailing = false;
      this.lastSweep = Date.now();
      if (found.mails + found.notices > 0) {
        this.logger.warn(found, 'Trabajos que Redis ya no tenía, entregados de nuevo a la cola desde el registro de envíos y la bandeja de salida.');
      }
    } catch (err) {
      if (!this.sweepFailing)
        this.logger.warn(
          { err: (err as Error).message },
          'No se pudo entregar de nuevo a la cola lo pendiente del registro de envíos; se reintenta en cada ciclo.',
        );
      this.sweepFailing = true;
    }
  }
}
