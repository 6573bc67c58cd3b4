import type { Client } from 'pg';

/** Creates the database on the local server unless it exists (the demo's own PostgreSQL, as its superuser). */
export async function createDatabaseIfMissing(admin: Client, name: string): Promise<void> {
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.rowCount) return;
  const quoted = await admin.query<{ q: string }>('SELECT quote_ident($1) AS q', [name]);
  await admin.query(`CREATE DATABASE ${quoted.rows[0].q}`);
}
