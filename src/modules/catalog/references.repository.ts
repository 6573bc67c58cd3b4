import { Db, select } from '../../database/sql';

/** The tables a request may refer to by id. */
export type ReferencedTable = 'programs' | 'cycles' | 'areas' | 'evaluations' | 'recommendations' | 'institutions' | 'users';

/**
 * Which of `ids` exist in `table`. A plain function rather than an injected class: the reference
 * check runs inside the caller's transaction and is built where it is needed (reference-checker.ts).
 */
export async function existingIds(db: Db, table: ReferencedTable, ids: readonly string[]): Promise<Set<string>> {
  const rows = await select<{ id: string }>(db, `SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [[...ids]]);
  return new Set(rows.map((r) => r.id));
}
