import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress workflow: one open avance per action and cut, a readable history of
 * every avance, one pending prórroga per action, and the cut in which an ASM
 * reached 100 % (the vigente rule of the official report).
 */
export class ProgressAndCortes1795320000000 implements MigrationInterface {
  name = 'ProgressAndCortes1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE asms ADD COLUMN concluded_corte_id uuid REFERENCES cortes(id);
      CREATE INDEX asms_concluded_corte_idx ON asms (concluded_corte_id) WHERE concluded_corte_id IS NOT NULL;

      -- An action has at most one avance in progress (draft, submitted or returned) per cut.
      CREATE UNIQUE INDEX avances_one_open_uq ON avances (action_id, corte_id) WHERE status IN ('borrador', 'enviado', 'devuelto');
      CREATE INDEX avances_status_idx ON avances (status, submitted_at) WHERE status = 'enviado';

      CREATE TABLE avance_events (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        avance_id   uuid NOT NULL REFERENCES avances(id),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id    uuid REFERENCES users(id),
        event       text NOT NULL CHECK (event IN ('creado', 'editado', 'enviado', 'devuelto', 'aprobado', 'evidencia_agregada', 'evidencia_retirada')),
        percent     smallint CHECK (percent BETWEEN 0 AND 100),
        note        text
      );
      CREATE INDEX avance_events_avance_idx ON avance_events (avance_id, id);

      CREATE UNIQUE INDEX prorrogas_one_pending_uq ON prorrogas (action_id) WHERE status = 'solicitada';
      CREATE INDEX prorrogas_pending_idx ON prorrogas (status, created_at) WHERE status = 'solicitada';

      ALTER TABLE cortes ADD COLUMN snapshot_rows integer CHECK (snapshot_rows >= 0);

      -- What the writers and the row filters of the snapshot need besides the printed texts.
      ALTER TABLE corte_snapshot_rows
        ADD COLUMN row_order integer NOT NULL DEFAULT 0,
        ADD COLUMN coordinating_area_id uuid,
        ADD COLUMN responsible_area_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN extra jsonb NOT NULL DEFAULT '{}';
      DROP INDEX corte_snapshot_rows_corte_idx;
      CREATE INDEX corte_snapshot_rows_corte_idx ON corte_snapshot_rows (corte_id, row_order);
      ALTER TABLE cortes ADD CONSTRAINT cortes_closed_complete CHECK (status <> 'cerrado' OR (closed_at IS NOT NULL AND snapshot_rows IS NOT NULL));

      CREATE TRIGGER avance_events_append_only BEFORE UPDATE OR DELETE ON avance_events
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER avance_events_append_only ON avance_events;
      ALTER TABLE cortes DROP CONSTRAINT cortes_closed_complete, DROP COLUMN snapshot_rows;
      DROP INDEX corte_snapshot_rows_corte_idx;
      ALTER TABLE corte_snapshot_rows DROP COLUMN row_order, DROP COLUMN coordinating_area_id, DROP COLUMN responsible_area_ids, DROP COLUMN extra;
      CREATE INDEX corte_snapshot_rows_corte_idx ON corte_snapshot_rows (corte_id, cycle_start_year DESC, program_key, asm_id, action_position);
      DROP INDEX prorrogas_pending_idx; DROP INDEX prorrogas_one_pending_uq;
      DROP TABLE avance_events;
      DROP INDEX avances_status_idx; DROP INDEX avances_one_open_uq;
      ALTER TABLE asms DROP COLUMN concluded_corte_id;
    `);
  }
}
