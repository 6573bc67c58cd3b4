import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { JOBS, QUEUES } from '../../queue/queue.names';
import { QueueService } from '../../queue/queue.service';
import { MailSender } from './mail-sender.service';
import { NoticesService } from './notices.service';
import { OutboxRelay } from './outbox-relay';
import { ReminderScanService } from './reminder-scan.service';

/**
 * The worker process's jobs: the daily scan (registered idempotently as a
 * BullMQ job scheduler), outbox notices, e-mail delivery, and the relay loop.
 * Registered only by the worker module; the API never runs jobs.
 */
@Injectable()
export class RemindersWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private workers: Worker[] = [];
  private relayTimer?: NodeJS.Timeout;
  private scheduleTimer?: NodeJS.Timeout;
  private relaying = false;

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly scan: ReminderScanService,
    private readonly notices: NoticesService,
    private readonly mail: MailSender,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = { url: this.config.get('REDIS_URL'), maxRetriesPerRequest: null };
    const prefix = this.config.get('QUEUE_PREFIX');
    const make = (name: string, concurrency: number, fn: (job: Job) => Promise<unknown>) => {
      const w = new Worker(name, fn, { connection, prefix, concurrency, lockDuration: 30_000, stalledInterval: 15_000 });
      w.on('error', (err) => this.logger.warn({ err: err.message, queue: name }, 'Error de la cola'));
      w.on('failed', (job, err) => this.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'Trabajo fallido'));
      this.workers.push(w);
    };
    make(QUEUES.reminders, 1, async (job) => (job.name === JOBS.dailyScan || job.name === JOBS.manualScan ? this.scan.run(this.clock.today()) : undefined));
    make(QUEUES.notices, 2, async (job) => this.notices.handle(Number((job.data as { outboxId: number }).outboxId)));
    make(QUEUES.mail, this.config.get('MAIL_CONCURRENCY'), async (job) => this.mail.send((job.data as { notificationId: string }).notificationId));
    await this.registerSchedule();
    const interval = this.config.get('RELAY_INTERVAL_MS');
    this.relayTimer = setInterval(() => void this.relayOnce(), interval);
    void this.relayOnce();
    this.logger.log('Worker listo: escaneo diario programado, relevo de avisos y envío de correo en marcha.');
  }

  /** Registers the daily scan; while Redis is away, keeps trying every minute. */
  private async registerSchedule(): Promise<void> {
    try {
      await this.queues.scheduleDailyScan();
      this.logger.log(`Escaneo diario programado a las ${this.config.get('REMINDER_TIME')}.`);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'No se pudo programar el escaneo diario; se reintenta en un minuto.');
      this.scheduleTimer = setTimeout(() => void this.registerSchedule(), 60_000);
    }
  }

  private async relayOnce(): Promise<void> {
    if (this.relaying) return;
    this.relaying = true;
    try {
      await this.relay.tick();
    } finally {
      this.relaying = false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.relayTimer);
    clearTimeout(this.scheduleTimer);
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
  }
}
