import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery log and the outbox are the source of truth, Redis only runs
 * them (docs/decisions/0019-delivery-log-source-of-truth.md):
 * - reminder_scans records each day's scan, so a scan that did not run at its
 *   time (the schedule lost with Redis' data, the worker down) is noticed and
 *   run, once;
 * - outbox.handled_at tells an event turned into notices from one whose job
 *   was lost in Redis, which the sweeper hands to the queue again. Events
 *   already published are taken as handled.
 */
export class ReminderDeliveryRecovery1796100000000 implements MigrationInterface {
  name = 'ReminderDeliveryRecovery1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminder_scans (
        scan_date         date PRIMARY KEY,
        runs              integer NOT NULL DEFAULT 1 CHECK (runs >= 1),
        first_trigger     text NOT NULL CHECK (first_trigger IN ('programado', 'recuperado', 'manual')),
        first_started_at  timestamptz NOT NULL,
        last_finished_at  timestamptz NOT NULL DEFAULT now(),
        digests           integer NOT NULL DEFAULT 0 CHECK (digests >= 0),
        items             integer NOT NULL DEFAULT 0 CHECK (items >= 0)
      );

      ALTER TABLE outbox ADD COLUMN handled_at timestamptz;
      UPDATE outbox SET handled_at = published_at WHERE published_at IS NOT NULL;
      CREATE INDEX outbox_unhandled_idx ON outbox (id) WHERE published_at IS NOT NULL AND handled_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX outbox_unhandled_idx;
      ALTER TABLE outbox DROP COLUMN handled_at;
      DROP TABLE reminder_scans;
    `);
  }
}
