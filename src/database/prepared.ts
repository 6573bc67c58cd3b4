import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const NAMES = new Map<string, string>();

function statementName(text: string): string {
  let name = NAMES.get(text);
  if (!name) {
    name = `asm_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    NAMES.set(text, name);
  }
  return name;
}

/**
 * Runs a statement as a named (prepared) statement: PostgreSQL parses and
 * plans it once per connection instead of on every call. For the hot paths
 * (the session check of every request, the lists, the avance workflow),
 * where planning costs as much as executing. The name derives from the text,
 * so one text is one statement; inside a transaction it runs on the
 * transaction's connection. Errors surface as TypeORM's QueryFailedError, like
 * every other query, so the error filter maps them the same way.
 */
export async function preparedQuery<T extends QueryResultRow = Record<string, unknown>>(
  target: DataSource | EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = target instanceof EntityManager ? target.queryRunner : undefined;
  const ds = target instanceof EntityManager ? target.connection : target;
  const connection = runner ? ((await runner.connect()) as PoolClient) : ((ds.driver as PostgresDriver).master as Pool);
  try {
    return (await connection.query<T>({ name: statementName(text), text, values })).rows;
  } catch (err) {
    throw new QueryFailedError(text, values, err as Error);
  }
}
