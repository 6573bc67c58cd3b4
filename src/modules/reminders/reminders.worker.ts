import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Clock } from '../../common/clock';
import { Metrics } from '../../common/metrics/metrics.service';
import { timeIn } from '../../common/dates';
import { AppConfig } from '../../config/app-config';
import { JOBS, QUEUES } from '../../queue/queue.names';
import { QueueService, settleWithin } from '../../queue/queue.service';
import { reconnectDelay, REDIS_DISCONNECT_TIMEOUT_MS } from '../../queue/redis-options';
import { DeliverySweeper } from './delivery-sweeper';
import { MailSender } from './mail-sender.service';
import { NoticesService } from './notices.service';
import { OutboxRelay } from './outbox-relay';
import { ReminderScanService } from './reminder-scan.service';

/** How long after REMINDER_TIME the scheduled scan may take to start before the worker runs it itself. */
const MISSED_SCAN_GRACE_MINUTES = 5;
/** Shutting down: how long in-flight jobs may finish before the queue connections are dropped. */
const GRACEFUL_CLOSE_MS = 4000;
const FORCED_CLOSE_MS = 2000;

/**
 * The worker process's jobs: the daily scan (registered idempotently as a
 * BullMQ job scheduler), outbox notices, e-mail delivery, and a tick every
 * RELAY_INTERVAL_MS that keeps Redis in step with PostgreSQL (decision 0019):
 * relays the outbox and the messages not yet queued; notices when Redis lost
 * its data (the witness key is gone) and then hands everything waiting to the
 * queue again and registers the schedule again; re-asserts the schedule at
 * every tick; sweeps for lost jobs every MAIL_SWEEP_INTERVAL_MS; and runs the
 * day's scan itself when the schedule did not run it in time. Registered only
 * by the worker module; the API never runs jobs.
 */
@Injectable()
export class RemindersWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Worker');
  private workers: Worker[] = [];
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private closing = false;
  private recovering?: Promise<void>;
  /** Redis answered at least once since this process started. */
  private sawRedis = false;
  /** This process registered the schedule at least once. */
  private scheduled = false;
  private lastSweep = 0;
  /** The latest day known to have had its scan (saves a query per tick). */
  private scannedDay?: string;

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly scan: ReminderScanService,
    private readonly notices: NoticesService,
    private readonly mail: MailSender,
    private readonly relay: OutboxRelay,
    private readonly sweeper: DeliverySweeper,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = { url: this.config.get('REDIS_URL'), maxRetriesPerRequest: null, retryStrategy: reconnectDelay, disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS };
    const prefix = this.config.get('QUEUE_PREFIX');
    const make = (name: string, concurrency: number, fn: (job: Job) => Promise<unknown>) => {
      const w = new Worker(name, fn, { connection, prefix, concurrency, lockDuration: 30_000, stalledInterval: 15_000 });
      w.on('error', (err) => this.logger.warn({ err: err.message, queue: name }, 'Error de la cola'));
      w.on('failed', (job, err) => {
        this.metrics.jobFailures.inc({ queue: name });
        this.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'Trabajo fallido');
      });
      this.workers.push(w);
    };
    make(QUEUES.reminders, 1, async (job) => {
      if (job.name === JOBS.dailyScan) return this.scan.run(this.clock.today(), 'programado');
      if (job.name === JOBS.manualScan) return this.scan.run((job.data as { date?: string }).date ?? this.clock.today(), 'manual');
      return undefined;
    });
    make(QUEUES.notices, 2, async (job) => this.notices.handle(Number((job.data as { outboxId: number }).outboxId)));
    make(QUEUES.mail, this.config.get('MAIL_CONCURRENCY'), async (job) => this.mail.send((job.data as { notificationId: string }).notificationId));
    // The first tick registers the schedule and hands over what waited in PostgreSQL before the worker is called ready.
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.get('RELAY_INTERVAL_MS'));
    this.logger.log('Worker listo: escaneo diario programado, relevo de avisos y envío de correo en marcha.');
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.relay.tick();
      await this.keepQueueInStep();
    } finally {
      this.ticking = false;
    }
    if (!this.closing) this.recovering ??= this.runMissedScan().finally(() => (this.recovering = undefined));
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

  /**
   * The daily scan lives in Redis as a job scheduler; if Redis lost it over the
   * scheduled time, or the worker was down then, nothing would run that day.
   * Past REMINDER_TIME (plus a grace) with no scan recorded for today, the
   * worker runs it; every worker may notice, the scan runs once.
   */
  private async runMissedScan(): Promise<void> {
    const today = this.clock.today();
    if (this.scannedDay === today) return;
    const tz = this.config.get('REMINDER_TIME_ZONE') ?? this.config.get('TIME_ZONE');
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    // A REMINDER_TIME close to midnight still leaves its last minute of the day to notice.
    const due = Math.min(minutes(this.config.get('REMINDER_TIME')) + MISSED_SCAN_GRACE_MINUTES, 23 * 60 + 59);
    if (minutes(timeIn(tz, this.clock.now())) < due) return;
    try {
      if (!(await this.scan.ranOn(today))) {
        this.logger.warn({ date: today }, `El escaneo diario de hoy no se ejecutó a las ${this.config.get('REMINDER_TIME')}; se ejecuta ahora.`);
        await this.scan.run(today, 'recuperado');
      }
      this.scannedDay = today;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'No se pudo ejecutar el escaneo diario pendiente; se reintenta en el siguiente ciclo.');
    }
  }

  /**
   * Bounded in every state: in-flight jobs get a few seconds to finish, then
   * the connections are dropped (with Redis unreachable a graceful close never
   * ends). A message cut mid-send stays 'enviando' and is sent again after
   * MAIL_STUCK_AFTER_MS. Runs while the database is still open.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    if (this.recovering) await settleWithin(GRACEFUL_CLOSE_MS, this.recovering);
    if (!(await settleWithin(GRACEFUL_CLOSE_MS, Promise.all(this.workers.map((w) => w.close()))))) {
      this.logger.warn('Los trabajos en curso no terminaron a tiempo (¿Redis no responde?); se cierran las conexiones.');
      await settleWithin(FORCED_CLOSE_MS, Promise.all(this.workers.map((w) => w.close(true))));
    }
  }
}
