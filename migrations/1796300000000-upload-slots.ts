import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploads in progress, per user, shared by every API replica
 * (docs/decisions/0030-limits-shared-between-replicas.md). A slot is a lease:
 * its process renews it while the upload runs, so the slot of a process that
 * died runs out by itself.
 */
export class UploadSlots1796300000000 implements MigrationInterface {
  name = 'UploadSlots1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE upload_slots (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at  timestamptz NOT NULL
      );
      CREATE INDEX upload_slots_user_idx ON upload_slots (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE upload_slots`);
  }
}
