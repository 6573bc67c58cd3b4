import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password someone else chose (the first administrator's, printed by `npm run setup`) must be
 * replaced at the first sign-in: until then the access guard lets the account change its
 * password, see who it is and sign out, nothing else (docs/decisions/0026-production-start.md).
 */
export class PasswordChangeRequired1796200000000 implements MigrationInterface {
  name = 'PasswordChangeRequired1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
  }
}
