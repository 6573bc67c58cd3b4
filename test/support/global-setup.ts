import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { ADMIN_DATABASE_URL, APP_DB_ROLE, DB_PREFIX, databaseUrl } from './test-env';

const STALE_AFTER_SECONDS = 6 * 3600;

/**
 * Applies the migrations once to a template database; every test file copies it
 * (CREATE DATABASE … TEMPLATE), so files never depend on one another's data.
 */
export default async function globalSetup(): Promise<void> {
  // Some tests run the command-line tools (audit:verify, cli) as a user would, from dist/.
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'ensure-build.js')], { stdio: 'inherit' });
  const runId = `${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
  const template = `${DB_PREFIX}${runId}_tpl`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await dropStale(admin);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrl(template), () => undefined, databaseUrl(template, APP_DB_ROLE));
  process.env.ASM_TEST_RUN_ID = runId;
  process.env.ASM_TEST_TEMPLATE_DB = template;
}

/** Databases left by runs that crashed hours ago (never those of a run in progress). */
async function dropStale(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${DB_PREFIX}%`]);
  const now = Date.now() / 1000;
  for (const { datname } of rows) {
    const started = Number(datname.slice(DB_PREFIX.length).split('_')[0]);
    if (Number.isFinite(started) && now - started > STALE_AFTER_SECONDS) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
  }
}
