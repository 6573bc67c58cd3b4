import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed cut's CSV reads its snapshot one cycle at a time (docs/decisions/0050): an index by cut,
 * classification and cycle, in row order, lets each cycle's COPY read only its own rows, in order.
 */
export class SnapshotCycleIndex1796600000000 implements MigrationInterface {
  name = 'SnapshotCycleIndex1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX corte_snapshot_rows_cycle_idx ON corte_snapshot_rows (corte_id, classification, cycle_label, row_order)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX corte_snapshot_rows_cycle_idx`);
  }
}
