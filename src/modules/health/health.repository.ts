import { Db, execute } from '../../database/sql';

/**
 * The readiness probe's statement: PostgreSQL answers a trivial query. A function rather than an
 * injected class: the health controller is registered by the API module alone, without a module of its own.
 */
export async function pingDatabase(db: Db): Promise<void> {
  await execute(db, 'SELECT 1');
}
