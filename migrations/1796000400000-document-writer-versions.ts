import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed cut's documents are recorded with the version of the writer that
 * produced them (documents recorded before this migration: version 1). When
 * a writer changes the bytes it produces (the CSV's formula neutralisation,
 * version 2), the next production of an older record keeps the previous hash
 * on record as a revision with the reason, instead of silently differing.
 * Revisions are append-only for everyone, the application role included.
 */
export class DocumentWriterVersions1796000400000 implements MigrationInterface {
  name = 'DocumentWriterVersions1796000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE corte_documents ADD COLUMN writer_version smallint NOT NULL DEFAULT 1 CHECK (writer_version >= 1);

      CREATE TABLE corte_document_revisions (
        id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        corte_document_id       uuid NOT NULL REFERENCES corte_documents(id),
        recorded_at             timestamptz NOT NULL DEFAULT now(),
        previous_sha256         char(64) NOT NULL CHECK (previous_sha256 ~ '^[0-9a-f]{64}$'),
        previous_size_bytes     bigint NOT NULL,
        previous_writer_version smallint NOT NULL,
        sha256                  char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes              bigint NOT NULL,
        writer_version          smallint NOT NULL CHECK (writer_version > previous_writer_version),
        reason                  text NOT NULL CHECK (btrim(reason) <> '')
      );
      CREATE INDEX corte_document_revisions_document_idx ON corte_document_revisions (corte_document_id, id);
      CREATE TRIGGER corte_document_revisions_append_only BEFORE UPDATE OR DELETE ON corte_document_revisions
        FOR EACH ROW EXECUTE FUNCTION public.refuse_change();
      CREATE TRIGGER corte_document_revisions_no_truncate BEFORE TRUNCATE ON corte_document_revisions
        FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE corte_document_revisions;
      ALTER TABLE corte_documents DROP COLUMN writer_version;
    `);
  }
}
