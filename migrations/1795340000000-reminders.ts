import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and notices. The ledger's unique key (recipient, item, reason,
 * occurrence) is what makes a retried job, a second run the same day or two
 * workers at once never announce the same item twice. One digest per person
 * per day; one notice per outbox event and recipient.
 */
export class Reminders1795340000000 implements MigrationInterface {
  name = 'Reminders1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification_log
        ADD COLUMN digest_date date,
        ADD COLUMN event_type text,
        ADD COLUMN body_text text NOT NULL DEFAULT '',
        ADD COLUMN body_html text NOT NULL DEFAULT '',
        ADD COLUMN items integer NOT NULL DEFAULT 0 CHECK (items >= 0),
        ADD COLUMN enqueued_at timestamptz,
        ADD COLUMN enqueue_round integer NOT NULL DEFAULT 0,
        ADD COLUMN sending_since timestamptz;
      ALTER TABLE notification_log DROP CONSTRAINT notification_log_status_check;
      ALTER TABLE notification_log ADD CONSTRAINT notification_log_status_check
        CHECK (status IN ('en_cola', 'enviando', 'enviado', 'fallido_temporal', 'fallido_permanente'));
      ALTER TABLE notification_log ADD CONSTRAINT notification_log_digest_has_date CHECK (kind <> 'resumen' OR digest_date IS NOT NULL);
      CREATE UNIQUE INDEX notification_log_one_digest_uq ON notification_log (recipient_id, digest_date) WHERE kind = 'resumen';
      CREATE UNIQUE INDEX notification_log_one_notice_uq ON notification_log (outbox_id, recipient_id) WHERE kind = 'aviso';
      CREATE INDEX notification_log_pending_idx ON notification_log (status, enqueued_at) WHERE status IN ('en_cola', 'enviando', 'fallido_temporal');

      CREATE TABLE reminder_ledger (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        recipient_id     uuid NOT NULL REFERENCES users(id),
        item_type        text NOT NULL CHECK (item_type IN ('accion', 'corte', 'avance')),
        item_id          uuid NOT NULL,
        reason           text NOT NULL CHECK (reason IN ('por-vencer', 'vencida', 'vencida-escalada', 'corte-plazo', 'revision-pendiente')),
        occurrence       text NOT NULL,
        scan_date        date NOT NULL,
        notification_id  uuid NOT NULL REFERENCES notification_log(id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reminder_ledger_once_uq UNIQUE (recipient_id, item_type, item_id, reason, occurrence)
      );
      CREATE INDEX reminder_ledger_notification_idx ON reminder_ledger (notification_id);

      CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX outbox_published_idx;
      DROP TABLE reminder_ledger;
      DROP INDEX notification_log_pending_idx;
      DROP INDEX notification_log_one_notice_uq;
      DROP INDEX notification_log_one_digest_uq;
      ALTER TABLE notification_log DROP CONSTRAINT notification_log_digest_has_date;
      ALTER TABLE notification_log DROP CONSTRAINT notification_log_status_check;
      ALTER TABLE notification_log ADD CONSTRAINT notification_log_status_check CHECK (status IN ('en_cola','enviado','fallido_temporal','fallido_permanente'));
      ALTER TABLE notification_log DROP COLUMN digest_date, DROP COLUMN event_type, DROP COLUMN body_text, DROP COLUMN body_html,
        DROP COLUMN items, DROP COLUMN enqueued_at, DROP COLUMN enqueue_round, DROP COLUMN sending_since;
    `);
  }
}
