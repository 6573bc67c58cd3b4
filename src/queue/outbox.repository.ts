import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, select, selectOne } from '../database/sql';
import { OutboxEventType, OutboxPayloads, StoredOutboxEvent } from './outbox.types';

export type { StoredOutboxEvent } from './outbox.types';

/** The outbox table: written in the producer's transaction, relayed to the queue, marked handled by the job it became. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inside the caller's transaction: the event exists exactly when the change does. */
  async add<K extends OutboxEventType>(db: Db, type: K, payload: OutboxPayloads[K]): Promise<void> {
    await execute(db, `INSERT INTO outbox (event_type, payload) VALUES ($1, $2)`, [type, payload]);
  }

  /**
   * The same insert as a statement to embed in a larger one (a data-modifying
   * CTE), one row per row of `from`; the type and payload are the given
   * parameter placeholders.
   */
  static insertFrom(from: string, typeParam: string, payloadParam: string): string {
    return `INSERT INTO outbox (event_type, payload) SELECT ${typeParam}::text, ${payloadParam}::jsonb FROM ${from}`;
  }

  /** Events not yet handed to the queue, oldest first. */
  unpublished(limit: number): Promise<StoredOutboxEvent[]> {
    return select<StoredOutboxEvent>(this.ds, `SELECT id, event_type AS type, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1`, [limit]);
  }

  async markPublished(id: number): Promise<void> {
    await execute(this.ds, `UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = $1`, [id]);
  }

  /** Events handed to the queue and not yet handled by their job, after `afterId`, in id order (a page of the sweep). */
  publishedUnhandled(afterId: number, limit: number): Promise<StoredOutboxEvent[]> {
    return select<StoredOutboxEvent>(
      this.ds,
      `SELECT id, event_type AS type, payload FROM outbox WHERE published_at IS NOT NULL AND handled_at IS NULL AND id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  find(id: number): Promise<StoredOutboxEvent | undefined> {
    return selectOne<StoredOutboxEvent>(this.ds, `SELECT id, event_type AS type, payload FROM outbox WHERE id = $1`, [id]);
  }

  async markHandled(id: number): Promise<void> {
    await execute(this.ds, `UPDATE outbox SET handled_at = now() WHERE id = $1 AND handled_at IS NULL`, [id]);
  }
}
