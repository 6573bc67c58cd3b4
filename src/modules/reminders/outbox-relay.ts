import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { QueueService } from '../../queue/queue.service';

/**
 * Moves committed work from PostgreSQL to Redis: outbox events become notice
 * jobs, and delivery-log messages not yet in the queue (written while Redis was
 * away, interrupted by a crash, or out of retries) become mail jobs. Until
 * Redis answers, everything simply waits in the database. Safe to run in every
 * worker: job ids make a second add a no-op.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('Relevo');
  private redisDown = false;

  constructor(
    private readonly ds: DataSource,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  async tick(): Promise<{ notices: number; mails: number }> {
    let notices = 0;
    let mails = 0;
    try {
      const events: { id: number }[] = await this.ds.query(`SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 500`);
      for (const e of events) {
        await this.queues.addNotice(e.id);
        await this.ds.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = $1`, [e.id]);
        notices += 1;
      }
      // Messages whose sender died mid-conversation go back to the queue, as a new job
      // (the dead one may still sit in Redis as a stalled job until its lock expires).
      await this.ds.query(
        `UPDATE notification_log SET status = 'en_cola', enqueued_at = NULL, enqueue_round = enqueue_round + 1, updated_at = now()
          WHERE status = 'enviando' AND sending_since < now() - make_interval(secs => $1::float / 1000)`,
        [this.config.get('MAIL_STUCK_AFTER_MS')],
      );
      const pending: { id: string; round: number }[] = await this.ds.query(
        `SELECT id, CASE WHEN enqueued_at IS NULL THEN enqueue_round ELSE enqueue_round + 1 END AS round
           FROM notification_log
          WHERE (status = 'en_cola' AND enqueued_at IS NULL)
             OR (status = 'fallido_temporal' AND enqueued_at < now() - make_interval(secs => $1::float / 1000))
          ORDER BY created_at LIMIT 1000`,
        [this.config.get('MAIL_RETRY_SWEEP_MS')],
      );
      if (pending.length) {
        await this.queues.addMails(pending);
        await this.ds.query(
          `UPDATE notification_log n SET enqueued_at = now(), enqueue_round = t.round FROM unnest($1::uuid[], $2::int[]) AS t(id, round) WHERE n.id = t.id`,
          [pending.map((p) => p.id), pending.map((p) => p.round)],
        );
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
