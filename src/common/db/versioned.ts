import { EntityManager } from 'typeorm';
import { NotFoundError, VersionConflictError } from '../errors/domain-error';
import { SetList } from './set-list';

export interface Versioned {
  label: string;
  table: string;
  notFoundCode: string;
}

/**
 * Optimistic versioning: lock the row, compare the version the caller read,
 * and only then change it. A stale version gets 409 and nothing is written.
 */
export async function lockVersioned<T extends { version: number }>(
  em: EntityManager,
  what: Versioned,
  id: string,
  version: number,
  columns = 'version',
): Promise<T> {
  const rows: T[] = await em.query(`SELECT ${columns} FROM ${what.table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new NotFoundError(what.label, what.notFoundCode, id);
  if (rows[0].version !== version) throw new VersionConflictError(what.label, rows[0].version);
  return rows[0];
}

export async function updateVersioned(em: EntityManager, what: Versioned, id: string, version: number, sets: SetList): Promise<void> {
  await lockVersioned(em, what, id, version);
  await em.query(`UPDATE ${what.table} SET ${sets.clauses(2)} WHERE id = $1`, [id, ...sets.values]);
}
