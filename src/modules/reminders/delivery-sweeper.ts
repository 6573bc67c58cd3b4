import { Injectable } from '@nestjs/common';
import { OutboxRepository } from '../../queue/outbox.repository';
import { outboxJob } from '../../queue/outbox.types';
import { jobIds, QUEUES } from '../../queue/queue.names';
import { QueueService } from '../../queue/queue.service';
import { DeliveryLogRepository } from './delivery-log.repository';

const PAGE = 1000;

/**
 * The delivery log and the outbox are the source of truth; Redis only runs
 * them (docs/decisions/0019-delivery-log-source-of-truth.md). The sweeper hands
 * to the queue again every message still waiting ('en_cola', 'fallido_temporal')
 * and every event not yet handled (turned into notices, or a closed cut's
 * documents recorded) whose job Redis no longer holds,
 * as after a restart without persistence, a flush or an eviction. Job ids are
 * the same as the lost ones, and a message is claimed in PostgreSQL before it is
 * sent, so a sweep never sends anything twice, however many workers sweep.
 */
@Injectable()
export class DeliverySweeper {
  constructor(
    private readonly log: DeliveryLogRepository,
    private readonly outbox: OutboxRepository,
    private readonly queues: QueueService,
  ) {}

  async sweep(): Promise<{ mails: number; notices: number }> {
    return { mails: await this.sweepMails(), notices: await this.sweepNotices() };
  }

  private async sweepMails(): Promise<number> {
    let found = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.log.waitingInQueue(after, PAGE);
      if (rows.length === 0) return found;
      after = rows[rows.length - 1].id;
      const missing = new Set(
        await this.queues.missingJobs(
          QUEUES.mail,
          rows.map((r) => jobIds.mail(r.id, r.round)),
        ),
      );
      const lost = rows.filter((r) => missing.has(jobIds.mail(r.id, r.round)));
      if (lost.length > 0) {
        await this.queues.addMails(lost);
        await this.log.markRequeued(lost.map((r) => r.id));
        found += lost.length;
      }
      if (rows.length < PAGE) return found;
    }
  }

  private async sweepNotices(): Promise<number> {
    let found = 0;
    let after = 0;
    for (;;) {
      const rows = await this.outbox.publishedUnhandled(after, PAGE);
      if (rows.length === 0) return found;
      after = Number(rows[rows.length - 1].id);
      const jobs = rows.map(outboxJob);
      const missing = new Set<string>();
      for (const queue of new Set(jobs.map((j) => j.queue))) {
        for (const id of await this.queues.missingJobs(
          queue,
          jobs.filter((j) => j.queue === queue).map((j) => j.id),
        ))
          missing.add(`${queue}/${id}`);
      }
      for (const job of jobs.filter((j) => missing.has(`${j.queue}/${j.id}`))) {
        await this.queues.addOutboxJob(job);
        found += 1;
      }
      if (rows.length < PAGE) return found;
    }
  }
}
