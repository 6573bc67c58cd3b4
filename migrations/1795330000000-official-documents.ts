import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Official documents: what a closed cut's documents depend on besides its
 * snapshot (institution name, column headings, the cycles printed) is frozen
 * with it, and the SHA-256 of every document produced from it is recorded.
 */
export class OfficialDocuments1795330000000 implements MigrationInterface {
  name = 'OfficialDocuments1795330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cortes ADD COLUMN document_settings jsonb;

      CREATE TABLE corte_documents (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        corte_id      uuid NOT NULL REFERENCES cortes(id),
        kind          text NOT NULL CHECK (kind IN ('avance-institucional', 'avance-trabajo', 'datos-abiertos')),
        format        text NOT NULL CHECK (format IN ('xlsx', 'pdf', 'csv')),
        program_id    uuid REFERENCES programs(id),
        sha256        char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
        first_generated_at timestamptz NOT NULL DEFAULT now(),
        last_generated_at  timestamptz NOT NULL DEFAULT now(),
        times_generated integer NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX corte_documents_uq ON corte_documents (corte_id, kind, format, COALESCE(program_id, '00000000-0000-0000-0000-000000000000'::uuid));

      -- Registration order of ASMs: documents list a program's ASMs in the order they were
      -- registered or imported (rows of one bulk import share their created_at).
      ALTER TABLE asms ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
      CREATE UNIQUE INDEX asms_seq_uq ON asms (seq);

      -- Imported records keep their natural key for idempotent re-imports.
      CREATE INDEX asms_natural_idx ON asms (program_id, cycle_id, classification);

      -- SHCP's records name the SFP as coordinating instance too.
      ALTER TABLE evaluations DROP CONSTRAINT evaluations_coordinating_instance_check;
      ALTER TABLE evaluations ADD CONSTRAINT evaluations_coordinating_instance_check CHECK (coordinating_instance IN ('CONEVAL', 'SHCP', 'SFP'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE evaluations DROP CONSTRAINT evaluations_coordinating_instance_check;
      ALTER TABLE evaluations ADD CONSTRAINT evaluations_coordinating_instance_check CHECK (coordinating_instance IN ('CONEVAL', 'SHCP'));
      DROP INDEX asms_natural_idx;
      ALTER TABLE asms DROP COLUMN seq;
      DROP TABLE corte_documents;
      ALTER TABLE cortes DROP COLUMN document_settings;
    `);
  }
}
