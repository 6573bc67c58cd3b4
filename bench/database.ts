import { resolve } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { generate } from './generate';
import { SIZES } from './sizes';
import { fmt, say, timed } from './util';

/** The repository's root (bench/*.ts run from dist/bench/). */
export const ROOT = resolve(__dirname, '..', '..');
export const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The URL of database `name`, as the administrator or as `user`. */
export function dbUrl(name: string, user?: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

/** The first row of a statement run as the owner (or any client). */
export async function one<T extends object>(owner: Client, sql: string, params: unknown[] = []): Promise<T> {
  return (await owner.query<T>(sql, params)).rows[0];
}

/** A `count(*)::int AS n` statement's figure. */
export async function count(owner: Client, sql: string, params: unknown[] = []): Promise<number> {
  return (await one<{ n: number }>(owner, sql, params)).n;
}

/**
 * Database `name` with generated data of `size`: reused (and migrated) when an
 * earlier run finished generating it, unless `regenerate`; otherwise made anew.
 * `reuseHint` ends the line that says it is reused.
 */
export async function generatedDatabase(name: string, size: keyof typeof SIZES, today: string, regenerate = false, reuseHint = ''): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  let ready = false;
  try {
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
    if (exists && !regenerate) {
      const c = new Client({ connectionString: dbUrl(name) });
      await c.connect();
      // The generator writes bench.size last: a database without it was left half made.
      ready = Boolean((await c.query(`SELECT 1 FROM settings WHERE key = 'bench.size'`).catch(() => ({ rowCount: 0 }))).rowCount);
      await c.end();
    }
    if (!ready) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  if (ready) {
    say(`Datos de tamaño ${size}: reutilizo la base ${name}${reuseHint}.`);
    await runMigrations(dbUrl(name), () => undefined, dbUrl(name, 'asm_app'));
    return;
  }
  say(`Generando datos de tamaño ${size} en la base ${name} …`);
  const { ms } = await timed(() => generate(dbUrl(name), dbUrl(name, 'asm_app'), SIZES[size], ROOT, today));
  say(`  listo en ${fmt(ms / 1000, 1)} s.`);
}
