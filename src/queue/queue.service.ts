import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { DAILY_SCHEDULER_ID, JOBS, QUEUES } from './queue.names';

type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * The one place that enqueues: queue names, fixed job ids (so adding the same
 * work twice is a no-op), attempts and backoff. Producer connections fail fast
 * when Redis is away instead of queueing commands in memory; callers that must
 * not lose work keep it in PostgreSQL (outbox, delivery log) until it is added.
 */
@Injectable()
export class QueueService implements OnModuleDestroy {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: { url: this.config.get('REDIS_URL'), enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 },
        prefix: this.config.get('QUEUE_PREFIX'),
      });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  /** Registers (or replaces) the daily scan: one run per day whatever the number of workers. */
  async scheduleDailyScan(): Promise<void> {
    const [hh, mm] = this.config.get('REMINDER_TIME').split(':').map(Number);
    const tz = this.config.get('REMINDER_TIME_ZONE') ?? this.config.get('TIME_ZONE');
    await this.queue(QUEUES.reminders).upsertJobScheduler(
      DAILY_SCHEDULER_ID,
      { pattern: `${mm} ${hh} * * *`, tz },
      { name: JOBS.dailyScan, data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 100, removeOnFail: 500 } },
    );
  }

  async runScanNow(requestedBy: string | null): Promise<string> {
    const job = await this.queue(QUEUES.reminders).add(JOBS.manualScan, { requestedBy }, { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 100, removeOnFail: 500 });
    return job.id!;
  }

  /** An outbox event, by its id: relaying it twice adds one job. */
  async addNotice(outboxId: number): Promise<void> {
    await this.queue(QUEUES.notices).add(JOBS.notice, { outboxId }, {
      jobId: `aviso-${outboxId}`,
      attempts: 10,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    });
  }

  /** E-mails of the delivery log; `round` grows when a message is handed to the queue again after its job gave up. */
  async addMails(messages: { id: string; round: number }[]): Promise<void> {
    if (messages.length === 0) return;
    const opts: JobsOptions = {
      attempts: this.config.get('MAIL_ATTEMPTS'),
      backoff: { type: 'exponential', delay: this.config.get('MAIL_BACKOFF_MS') },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    };
    await this.queue(QUEUES.mail).addBulk(messages.map((m) => ({ name: JOBS.send, data: { notificationId: m.id }, opts: { ...opts, jobId: `correo-${m.id}-${m.round}` } })));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
