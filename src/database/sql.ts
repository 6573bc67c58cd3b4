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

/** A page of a SELECT that also reads `count(*) OVER () AS total`: its rows without that column, and the total that matched. */
export async function selectPage<T extends object>(db: Db, text: string, params: readonly unknown[] = []): Promise<{ items: T[]; total: number }> {
  const rows = await select<T & { total: number | string }>(db, text, params);
  return { items: rows.map(({ total: _t, ...row }) => row as T), total: Number(rows[0]?.total ?? 0) };
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

/**
 * Inserts `rows` in one statement: one array parameter per column, read back with `unnest`. `into` names the
 * table and its columns with their types, as in `'ramos (code text, name text)'`; `values` gives a row's values
 * in that order. Answers how many rows it wrote.
 */
export function insertAll<T>(db: Db, into: string, rows: readonly T[], values: (row: T) => unknown[]): Promise<number> {
  return bulkInsert(db, into, rows, values, '');
}

/**
 * Inserts `rows` as insertAll does, but leaves as it is any row already there that holds the same `unique` key
 * (ON CONFLICT DO NOTHING; `unique` null: a clash on any unique constraint). Answers how many rows were new.
 */
export function insertMissing<T>(db: Db, into: string, unique: string | null, rows: readonly T[], values: (row: T) => unknown[]): Promise<number> {
  return bulkInsert(db, into, rows, values, ` ON CONFLICT ${unique ? `(${unique}) ` : ''}DO NOTHING`);
}

async function bulkInsert<T>(db: Db, into: string, rows: readonly T[], values: (row: T) => unknown[], onConflict: string): Promise<number> {
  if (rows.length === 0) return 0;
  const [, table, list] = /^(\w+)\s*\(([^)]*)\)$/.exec(into.trim()) ?? [];
  if (!table) throw new Error(`insertAll: "${into}" is not "table (column type, …)"`);
  const columns = list.split(',').map((c) => c.trim().split(/\s+/));
  const tuples = rows.map((row) => values(row));
  const { count } = await execute(
    db,
    `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
     SELECT * FROM unnest(${columns.map(([, ...type], i) => `$${i + 1}::${type.join(' ')}[]`).join(', ')})${onConflict}`,
    columns.map((_, i) => tuples.map((tuple) => tuple[i])),
  );
  return count;
}
