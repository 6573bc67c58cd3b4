/**
 * Where the tests find PostgreSQL and Redis. The defaults are the services this
 * project's machines run (PostgreSQL trusts local connections).
 */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The application's own login role (member of asm_app_rw, no rights on the bitácora). */
export const APP_DB_ROLE = 'asm_app';

export function databaseUrl(name: string, user?: string): string {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

/** Databases of one test run share this prefix; global teardown drops them. */
export const DB_PREFIX = 'asm_t_';
export const RUN_FILE = '/tmp/asm-seguimiento-test-run.json';
