import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { OutboxRepository } from '../../queue/outbox.repository';
import { outboxJob } from '../../queue/outbox.types';
import { QueueService } from '../../queue/queue.service';
import { DeliveryLogRepository } from './delivery-log.repository';

/**
 * Moves committed work from PostgreSQL to Redis: outbox events become the job
 * their type says (OUTBOX_JOBS: notices, or a closed cut's documents), and
 * delivery-log messages not yet in the queue (written while Redis was away,
 * interrupted by a crash, or out of retries) become mail jobs. Until
 * Redis answers, everything simply waits in the database. Safe to run in every
 * worker: job ids make a second add a no-op.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('Relevo');
  private redisDown = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly log: DeliveryLogRepository,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  async tick(): Promise<{ notices: number; mails: number }> {
    let notices = 0;
    let mails = 0;
    try {
      const events = await this.outbox.unpublished(500);
      for (const e of events) {
        await this.queues.addOutboxJob(outboxJob(e));
        await this.outbox.markPublished(e.id);
        notices += 1;
      }
      // Messages whose sender died mid-conversation go back to the queue, as a new job
      // (the dead one may still sit in Redis as a stalled job until its lock expires).
      await this.log.requeueStuck(this.config.get('MAIL_STUCK_AFTER_MS'));
      const pending = await this.log.dueForQueue(this.config.get('MAIL_RETRY_SWEEP_MS'), 1000);
      if (pending.length) {
        await this.queues.addMails(pending);
        await this.log.markQueuedRounds(pending);
        mails = pending.length;
      }
      if (this.redisDown) this.logger.log('Redis disponible de nuevo: se reanuda el relevo.');
      this.redisDown = false;
    } catch (err) {
      if (!this.redisDown) this.logger.warn({ err: (err as Error).message }, 'No se pudo entregar a la cola; los avisos esperan en la base de datos.');
      this.redisDown = true;
    }
    return { notices, mails };
  }
}
