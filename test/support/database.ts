import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { applyPrivileges } from '../../src/database/privileges';
import { ADMIN_DATABASE_URL, APP_DB_ROLE, databaseUrl } from './test-env';

/** A fresh database copied from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<{ name: string; url: string; appUrl: string }> {
  const template = process.env.ASM_TEST_TEMPLATE_DB;
  const runId = process.env.ASM_TEST_RUN_ID;
  if (!template || !runId) throw new Error('Run the tests with jest (global setup prepares the template database).');
  const name = `asm_t_${runId}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  // Database-level privileges are not copied from the template: apply them as `npm run migrate` does.
  const owner = new Client({ connectionString: databaseUrl(name) });
  await owner.connect();
  try {
    await applyPrivileges(owner);
  } finally {
    await owner.end();
  }
  return { name, url: databaseUrl(name), appUrl: databaseUrl(name, APP_DB_ROLE) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * A digest of every application table's content (but the `except` ones):
 * equal before and after a rejected request proves that nothing was written.
 */
export async function fingerprint(pool: Pool, except: string[] = []): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' AND NOT (tablename = ANY($1)) ORDER BY 1`,
    [except],
  );
  // One statement for every table: cheap enough to take before and after each of thousands of requests.
  const { rows } = await pool.query<{ t: string; n: number; h: string }>(
    tables
      .map(({ t }) => `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`)
      .join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}
