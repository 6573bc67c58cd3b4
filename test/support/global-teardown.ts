import { Client } from 'pg';
import { ADMIN_DATABASE_URL, DB_PREFIX } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const runId = process.env.ASM_TEST_RUN_ID;
  if (!runId) return;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${DB_PREFIX}${runId}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
