import { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE/DELETE … RETURNING and gives back its rows. (TypeORM's
 * postgres driver answers those statements with [rows, affectedCount], unlike
 * SELECT and INSERT, which answer the rows.)
 */
export async function returning<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await em.query<[T[], number]>(sql, params);
  return result[0];
}
