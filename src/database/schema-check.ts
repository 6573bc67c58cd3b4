import { Client } from 'pg';
import { ConfigError } from '../config/env.schema';
import { MIGRATIONS } from './migrations';

/** The command that prepares an empty database (docs/operations.md, "Primer arranque"). */
export const SETUP_COMMAND = 'npm run setup -- --admin <correo del administrador>';
export const MIGRATE_COMMAND = 'npm run migrate';

/** A start that must not happen, with the command that fixes it: printed as it is, without a stack trace. */
export class StartupRefusal extends ConfigError {}

const AUTH_FAILURES = new Set(['28P01', '28000', '3D000']);

/**
 * The API and the worker refuse to start on a database without the schema, or with migrations
 * pending, instead of failing later on a missing table or column. One short connection at boot.
 * A server that does not answer is left to the usual start (it retries and reports through
 * /health): only a database that answers and is not ready is refused.
 */
export async function assertDatabaseReady(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000, application_name: 'asm-schema-check' });
  try {
    await client.connect();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code && AUTH_FAILURES.has(code)) {
      const user = decodeURIComponent(new URL(url).username);
      throw new StartupRefusal(
        `No puedo entrar a la base de datos de DATABASE_URL como "${user}" (${(err as Error).message}).\n` +
          `Si es la primera instalación, prepárala con:\n  ${SETUP_COMMAND}\n` +
          '(con MIGRATIONS_DATABASE_URL del dueño del esquema: crea la base de datos, el rol de la aplicación y el primer administrador).',
      );
    }
    await client.end().catch(() => undefined);
    return;
  }
  try {
    const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present`);
    if (!rows[0].present) {
      throw new StartupRefusal(
        `La base de datos de DATABASE_URL está vacía: no tiene las tablas del sistema.\nPrepárala una vez con:\n  ${SETUP_COMMAND}\n` +
          '(aplica las migraciones, crea el rol de la aplicación y el primer administrador; los datos de demostración solo los carga npm run demo).',
      );
    }
    const applied = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const pending = MIGRATIONS.map((m) => new m().name).filter((name) => !applied.has(name));
    if (pending.length) {
      throw new StartupRefusal(
        `A la base de datos le faltan ${pending.length} migración(es) de esta versión (${pending.join(', ')}).\n` +
          `Aplícalas con:\n  ${MIGRATE_COMMAND}\n(con MIGRATIONS_DATABASE_URL del dueño del esquema) y vuelve a arrancar.`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
