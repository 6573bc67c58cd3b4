import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { OutboxJob } from './outbox.types';
import { DAILY_SCHEDULER_ID, JOBS, jobIds, QUEUES, QueueName } from './queue.names';
import { reconnectDelay, REDIS_DISCONNECT_TIMEOUT_MS, redisOptionsFromUrl } from './redis-options';

/** How long closing waits for Redis before dropping the connections (Redis may be gone). */
const CLOSE_WAIT_MS = 2000;

export async function settleWithin(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  return done;
}

/**
 * The one place that enqueues: queue names, fixed job ids (so adding the same
 * work twice is a no-op), attempts and backoff. Producer connections fail fast
 * when Redis is away instead of queueing commands in memory; callers that must
 * not lose work keep it in PostgreSQL (outbox, delivery log) until it is added.
 */
@Injectable()
export class QueueService implements OnModuleDestroy {
  private readonly queues = new Map<QueueName, Queue>();
  private inspector?: Redis;

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: {
          url: this.config.get('REDIS_URL'),
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          retryStrategy: reconnectDelay,
          disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS,
        },
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

  /** Whether Redis holds the daily scan's scheduler (it lives only there). */
  async dailyScanScheduled(): Promise<boolean> {
    return (await this.queue(QUEUES.reminders).getJobScheduler(DAILY_SCHEDULER_ID)) !== undefined;
  }

  /** A scan of `date` requested by a person; the worker runs it (nothing already announced is announced again). */
  async runScanNow(requestedBy: string | null, date: string): Promise<string> {
    const job = await this.queue(QUEUES.reminders).add(
      JOBS.manualScan,
      { requestedBy, date },
      { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 100, removeOnFail: 500 },
    );
    return job.id!;
  }

  /** The job an outbox event becomes (outboxJob), under its stable id: relaying the event twice adds one job. */
  async addOutboxJob(job: OutboxJob): Promise<void> {
    await this.queue(job.queue).add(job.name, job.data, {
      jobId: job.id,
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
    await this.queue(QUEUES.mail).addBulk(
      messages.map((m) => ({ name: JOBS.send, data: { notificationId: m.id }, opts: { ...opts, jobId: jobIds.mail(m.id, m.round) } })),
    );
  }

  /** The ids among `jobIds` of which Redis holds no job, in any state. */
  async missingJobs(name: QueueName, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const q = this.queue(name);
    const pipeline = (await this.redis()).pipeline();
    for (const id of ids) pipeline.exists(q.toKey(id));
    const answers = (await pipeline.exec()) ?? [];
    return ids.filter((_, i) => {
      const [err, n] = answers[i] ?? [new Error('sin respuesta'), 0];
      if (err) throw err;
      return n === 0;
    });
  }

  /**
   * Leaves a witness key in Redis and says whether it had to: true when Redis
   * holds nothing of this deployment, because it is new or because it lost its
   * data (restarted without persistence, flushed, replaced). Work that was
   * handed to it must then be handed over again from PostgreSQL.
   */
  async redisForgot(): Promise<boolean> {
    const key = `${this.config.get('QUEUE_PREFIX')}:testigo`;
    return (await (await this.redis()).set(key, new Date().toISOString(), 'NX')) === 'OK';
  }

  /** A plain connection for the checks BullMQ has no call for (witness key, job keys); fails fast while Redis is away. */
  private async redis(): Promise<Redis> {
    this.inspector ??= new Redis({
      ...redisOptionsFromUrl(this.config.get('REDIS_URL')),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: reconnectDelay,
      disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS,
    }).on('error', () => undefined);
    if (this.inspector.status === 'wait') await this.inspector.connect().catch(() => undefined);
    return this.inspector;
  }

  /** Bounded: with Redis unreachable a graceful close would wait for ever. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map(async (q) => {
        if (!(await settleWithin(CLOSE_WAIT_MS, q.close()))) await settleWithin(CLOSE_WAIT_MS, q.disconnect());
      }),
    );
    this.inspector?.disconnect();
  }
}
