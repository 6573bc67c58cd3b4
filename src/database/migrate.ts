import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { applyPrivileges, ensureAppLogin } from './privileges';

// Any 64-bit number unique to this application: only one process migrates at a time.
const MIGRATION_LOCK = 4_725_330_010;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so that several
 * processes started together (replicas, the demo) never migrate twice; then
 * re-applies the application role's privileges and, given the application's
 * own DATABASE_URL, makes its login role a member of that group.
 */
export async function runMigrations(url: string, log: (line: string) => void = () => undefined, appDatabaseUrl?: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 2, applicationName: 'asm-migrations' }), logging: false });
  await ds.initialize();
  try {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const applied = await ds.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`Migración aplicada: ${m.name}`);
      await grant(url, appDatabaseUrl, log);
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  } finally {
    await ds.destroy();
  }
}

async function grant(ownerUrl: string, appDatabaseUrl: string | undefined, log: (line: string) => void): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await applyPrivileges(owner);
    if (appDatabaseUrl) {
      const role = await ensureAppLogin(owner, appDatabaseUrl);
      if (role) log(`Rol de la aplicación con permisos limitados: ${role}`);
    }
  } finally {
    await owner.end();
  }
}
