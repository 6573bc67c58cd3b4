import { MigrationInterface, QueryRunner } from 'typeorm';
import { foldText } from '../src/common/text';

const BATCH = 5000;

/**
 * Text search matches only what the reader may read. asms.search_text held
 * the folded text of the ASM and of all its actions, so a responsible area
 * searching found an ASM through another area's action. Now each record holds
 * the folded form of its own text (asms.text, actions.description) and the
 * search joins the actions the reader may read. Backfilled with the same
 * function the application folds with (src/common/text.ts foldText).
 */
export class SearchOwnFields1796000300000 implements MigrationInterface {
  name = 'SearchOwnFields1796000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions ADD COLUMN search_text text NOT NULL DEFAULT ''`);
    await refold(q, 'asms', 'text');
    await refold(q, 'actions', 'description');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions DROP COLUMN search_text`);
    await refold(q, 'asms', `concat_ws(' ', text, (SELECT string_agg(x.description, ' ' ORDER BY x.position) FROM actions x WHERE x.asm_id = asms.id))`);
  }
}

/** search_text := foldText(expression), in batches by id (search_text is bookkeeping: the audit trigger skips it). */
async function refold(q: QueryRunner, table: 'asms' | 'actions', expression: string): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await q.query(`SELECT id, ${expression} AS t FROM ${table} WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [after])) as {
      id: string;
      t: string;
    }[];
    if (rows.length === 0) return;
    await q.query(`UPDATE ${table} x SET search_text = u.s FROM unnest($1::uuid[], $2::text[]) AS u(id, s) WHERE x.id = u.id`, [
      rows.map((r) => r.id),
      rows.map((r) => foldText(r.t)),
    ]);
    after = rows[rows.length - 1].id;
  }
}
