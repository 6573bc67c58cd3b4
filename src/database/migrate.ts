import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Any 64-bit number unique to this application: only one process migrates at a time.
const MIGRATION_LOCK = 4_725_330_010;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so that several
 * processes started together (replicas, the demo) never migrate twice.
 */
export async function runMigrations(url: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 2, applicationName: 'asm-migrations' }), logging: false });
  await ds.initialize();
  try {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const applied = await ds.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`Migración aplicada: ${m.name}`);
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  } finally {
    await ds.destroy();
  }
}
