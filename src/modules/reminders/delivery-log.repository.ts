import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { execute, insertAll, select, selectOne } from '../../database/sql';

/** One message of the delivery log as GET /api/v1/notifications lists it. */
export interface DeliveryLogEntry {
  id: string;
  kind: string;
  eventType: string | null;
  digestDate: string | null;
  recipientEmail: string;
  subject: string;
  items: number;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The filters of the delivery log list (null: any); `recipient` is an ILIKE pattern. */
export interface DeliveryLogFilter {
  status: string | null;
  kind: string | null;
  recipient: string | null;
  from: string | null;
  to: string | null;
  timeZone: string;
  /** The caller's institution scope (null: every one): the messages to its users (to an address only: the default's). */
  institutionId: string | null;
}

/** A message claimed for sending: what the SMTP conversation needs. */
export interface ClaimedMessage {
  recipient_email: string;
  subject: string;
  body_text: string;
  body_html: string;
}

/** A message to hand to the mail queue, with the round that makes its job id. */
export interface QueuedMessage {
  id: string;
  round: number;
}

/** A rendered message for one person, ready to be recorded. */
export interface NewMessage {
  id: string;
  recipientId: string;
  email: string;
  text: string;
  html: string;
}

export type FailedStatus = 'fallido_temporal' | 'fallido_permanente';

const FILTER = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR recipient_email ILIKE $3)
      AND ($4::date IS NULL OR created_at >= ($4::date::timestamp AT TIME ZONE $6)) AND ($5::date IS NULL OR created_at < (($5::date + 1)::timestamp AT TIME ZONE $6))
      AND ($7::uuid IS NULL OR recipient_id IN (SELECT iu.id FROM users iu WHERE iu.institution_id = $7)
           OR (recipient_id IS NULL AND $7 = default_institution_id()))`;

/**
 * notification_log, the delivery log: every e-mail (digest or notice) and its
 * state. It is the source of truth of what must be sent; Redis only runs it
 * (docs/decisions/0019-delivery-log-source-of-truth.md).
 */
@Injectable()
export class DeliveryLogRepository {
  constructor(private readonly ds: DataSource) {}

  async count(f: DeliveryLogFilter): Promise<number> {
    const row = await selectOne<{ total: number }>(this.ds, `SELECT count(*)::int AS total FROM notification_log WHERE ${FILTER}`, filterParams(f));
    return row?.total ?? 0;
  }

  /** Newest first. */
  page(f: DeliveryLogFilter, limit: number, offset: number): Promise<DeliveryLogEntry[]> {
    return select<DeliveryLogEntry>(
      this.ds,
      `SELECT id, kind, event_type AS "eventType", digest_date::text AS "digestDate", recipient_email AS "recipientEmail", subject, items, status,
              attempts, last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"
         FROM notification_log WHERE ${FILTER} ORDER BY created_at DESC, id LIMIT $8 OFFSET $9`,
      [...filterParams(f), limit, offset],
    );
  }

  /**
   * Marks the message 'enviando' if it is waiting, or if a send of it was
   * interrupted more than `stuckAfterMs` ago; undefined when another job has it
   * or it was sent.
   */
  claim(id: string, stuckAfterMs: number): Promise<ClaimedMessage | undefined> {
    return selectOne<ClaimedMessage>(
      this.ds,
      `UPDATE notification_log SET status = 'enviando', sending_since = now(), attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND (status IN ('en_cola', 'fallido_temporal')
              -- A send interrupted by a crash is retried (the server never accepted it, or we cannot know).
              OR (status = 'enviando' AND sending_since < now() - make_interval(secs => $2::float / 1000)))
        RETURNING recipient_email, subject, body_text, body_html`,
      [id, stuckAfterMs],
    );
  }

  async markSent(id: string, messageId: string): Promise<void> {
    await execute(
      this.ds,
      `UPDATE notification_log SET status = 'enviado', sent_at = now(), message_id = $2, last_error = NULL, updated_at = now() WHERE id = $1`,
      [id, messageId],
    );
  }

  async markFailed(id: string, status: FailedStatus, error: string): Promise<void> {
    await execute(this.ds, `UPDATE notification_log SET status = $2, last_error = $3, updated_at = now() WHERE id = $1`, [id, status, error]);
  }

  /** Messages whose sender died mid-conversation go back to waiting, for a new job (a new round). */
  async requeueStuck(stuckAfterMs: number): Promise<void> {
    await execute(
      this.ds,
      `UPDATE notification_log SET status = 'en_cola', enqueued_at = NULL, enqueue_round = enqueue_round + 1, updated_at = now()
        WHERE status = 'enviando' AND sending_since < now() - make_interval(secs => $1::float / 1000)`,
      [stuckAfterMs],
    );
  }

  /** Messages not yet in the queue, and temporary failures whose job gave up more than `retryAfterMs` ago (a new round), oldest first. */
  dueForQueue(retryAfterMs: number, limit: number): Promise<QueuedMessage[]> {
    return select<QueuedMessage>(
      this.ds,
      `SELECT id, CASE WHEN enqueued_at IS NULL THEN enqueue_round ELSE enqueue_round + 1 END AS round
         FROM notification_log
        WHERE (status = 'en_cola' AND enqueued_at IS NULL)
           OR (status = 'fallido_temporal' AND enqueued_at < now() - make_interval(secs => $1::float / 1000))
        ORDER BY created_at LIMIT $2`,
      [retryAfterMs, limit],
    );
  }

  /** Records that the messages were handed to the queue, each with its round. */
  async markQueuedRounds(messages: QueuedMessage[]): Promise<void> {
    await execute(
      this.ds,
      `UPDATE notification_log n SET enqueued_at = now(), enqueue_round = t.round FROM unnest($1::uuid[], $2::int[]) AS t(id, round) WHERE n.id = t.id`,
      [messages.map((p) => p.id), messages.map((p) => p.round)],
    );
  }

  /** Messages handed to the queue and still waiting ('en_cola', 'fallido_temporal'), after `afterId`, in id order (a page of the sweep). */
  waitingInQueue(afterId: string, limit: number): Promise<QueuedMessage[]> {
    return select<QueuedMessage>(
      this.ds,
      `SELECT id, enqueue_round AS round FROM notification_log
        WHERE status IN ('en_cola', 'fallido_temporal') AND enqueued_at IS NOT NULL AND id > $1
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** The messages were handed to the queue again. */
  async markRequeued(ids: string[]): Promise<void> {
    await execute(this.ds, `UPDATE notification_log SET enqueued_at = now() WHERE id = ANY($1)`, [ids]);
  }

  /** The new messages were handed to the queue (the relay's own mark stays if it was first). */
  async markHandedOver(ids: string[]): Promise<void> {
    await execute(this.ds, `UPDATE notification_log SET enqueued_at = now() WHERE id = ANY($1) AND enqueued_at IS NULL`, [ids]);
  }

  /** The people who already have the digest of `date`. */
  async digestRecipients(em: EntityManager, date: string): Promise<string[]> {
    const rows = await select<{ recipient_id: string }>(em, `SELECT recipient_id FROM notification_log WHERE kind = 'resumen' AND digest_date = $1`, [date]);
    return rows.map((r) => r.recipient_id);
  }

  /** The digests of `date`, one per person, in the scan's transaction. */
  async addDigests(em: EntityManager, date: string, digests: (NewMessage & { subject: string; items: number })[]): Promise<void> {
    await insertAll(
      em,
      `notification_log (id uuid, kind text, recipient_id uuid, recipient_email text, subject text, body_text text, body_html text, items int,
                         digest_date date)`,
      digests,
      (d) => [d.id, 'resumen', d.recipientId, d.email, d.subject, d.text, d.html, d.items, date],
    );
  }

  /** The notices of an outbox event, one per person: a person already notified of it is skipped. Returns the ids added. */
  async addNotices(outboxId: number, eventType: string, subject: string, notices: NewMessage[]): Promise<string[]> {
    const rows = await select<{ id: string }>(
      this.ds,
      `INSERT INTO notification_log (id, kind, outbox_id, event_type, recipient_id, recipient_email, subject, body_text, body_html, items)
       SELECT t.id, 'aviso', $1, $2, t.r, t.e, $3, t.bt, t.bh, 1
         FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[]) AS t(id, r, e, bt, bh)
       ON CONFLICT (outbox_id, recipient_id) WHERE kind = 'aviso' DO NOTHING
       RETURNING id`,
      [
        outboxId,
        eventType,
        subject,
        notices.map((x) => x.id),
        notices.map((x) => x.recipientId),
        notices.map((x) => x.email),
        notices.map((x) => x.text),
        notices.map((x) => x.html),
      ],
    );
    return rows.map((r) => r.id);
  }
}

function filterParams(f: DeliveryLogFilter): unknown[] {
  return [f.status, f.kind, f.recipient, f.from, f.to, f.timeZone, f.institutionId];
}
