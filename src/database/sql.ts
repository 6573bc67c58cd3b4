import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Where a repository runs a statement: the pool (a `DataSource`) or the
 * transaction of `UnitOfWork.run` (its `EntityManager`). Repositories are the
 * only callers (docs/decisions/0001-raw-sql-repositories.md): each names the
 * type of the rows its statement returns, so no row travels as `any`.
 */
export type Db = DataSource | EntityManager;

/** Rows of a SELECT, or of an INSERT … RETURNING. */
export async function select<T extends object>(db: Db, text: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await structured(db, text, params)).rows as T[];
}

/** The first row of a SELECT (or of a RETURNING), undefined when there is none. */
export async function selectOne<T extends object>(db: Db, text: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await select<T>(db, text, params))[0];
}

/** Any statement (INSERT, UPDATE, DELETE, with or without RETURNING): the rows it returned and how many rows it touched. */
export async function execute<T extends object = Record<string, never>>(
  db: Db,
  text: string,
  params: readonly unknown[] = [],
): Promise<{ rows: T[]; count: number }> {
  const { rows, count } = await structured(db, text, params);
  return { rows: rows as T[], count };
}

async function structured(db: Db, text: string, params: readonly unknown[]): Promise<{ rows: unknown[]; count: number }> {
  const own = db instanceof EntityManager ? db.queryRunner : undefined;
  const runner: QueryRunner = own ?? (db instanceof EntityManager ? db.connection : db).createQueryRunner();
  try {
    const result = await runner.query(text, [...params], true);
    return { rows: (result.records ?? []) as unknown[], count: result.affected ?? 0 };
  } finally {
    if (!own) await runner.release();
  }
}
