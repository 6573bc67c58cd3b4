import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { assertPasswordPolicy, hashPassword } from '../modules/identity/passwords';
import { runMigrations } from './migrate';

/*
 * `npm run setup -- --admin <correo> [--nombre "Nombre Apellido"]`: the first start of a production
 * installation, on an empty database (and harmless on a prepared one):
 *   1. applies the migrations as the schema owner (MIGRATIONS_DATABASE_URL), under the advisory lock;
 *   2. creates the application role of DATABASE_URL (with its password) and grants it its rights;
 *   3. creates the first administrator, unless there is one, with a one-time password: taken from
 *      ASM_ADMIN_PASSWORD or generated and printed once. It must be changed at the first sign-in.
 * No demo data: that is only `npm run demo`.
 */
const USAGE = `Uso: npm run setup -- --admin <correo del administrador> [--nombre "Nombre Apellido"]

Requiere DATABASE_URL (la conexión de la aplicación: su rol se crea con esa contraseña si no existe)
y MIGRATIONS_DATABASE_URL (el dueño del esquema, que aplica las migraciones). Sin MIGRATIONS_DATABASE_URL
se usa DATABASE_URL para todo (una sola cuenta: solo para desarrollo).
La contraseña inicial del administrador se genera y se imprime una vez, o se toma de ASM_ADMIN_PASSWORD;
hay que cambiarla al entrar por primera vez.`;

// Without look-alike characters (0/O, 1/l/I): the password is typed from a terminal.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function oneTimePassword(email: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
    const candidate = groups.join('-');
    try {
      assertPasswordPolicy(candidate, email);
      return candidate;
    } catch {
      // Drawn without a digit or a letter (rare): draw again.
    }
  }
}

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  let values: { admin?: string; nombre?: string; ayuda?: boolean };
  try {
    ({ values } = parseArgs({ options: { admin: { type: 'string' }, nombre: { type: 'string' }, ayuda: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.ayuda) {
    console.log(USAGE);
    return;
  }
  const email = values.admin?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`Indica el correo del primer administrador con --admin.\n\n${USAGE}`, 2);
  const appUrl = process.env.DATABASE_URL;
  if (!appUrl) fail(`Falta DATABASE_URL.\n\n${USAGE}`, 2);
  const ownerUrl = process.env.MIGRATIONS_DATABASE_URL ?? appUrl;
  const given = process.env.ASM_ADMIN_PASSWORD;
  if (given !== undefined) {
    try {
      assertPasswordPolicy(given, email);
    } catch (err) {
      fail(`ASM_ADMIN_PASSWORD no sirve: ${(err as Error).message}`, 2);
    }
  }

  console.log('1/3 Migraciones …');
  const applied = await runMigrations(ownerUrl, (l) => console.log(`    ${l}`), ownerUrl !== appUrl ? appUrl : undefined);
  console.log(applied.length ? `    ${applied.length} migración(es) aplicada(s).` : '    La base de datos ya estaba al día.');
  console.log(`2/3 Rol de la aplicación: ${ownerUrl !== appUrl ? decodeURIComponent(new URL(appUrl).username) : 'el mismo que el dueño (una sola cuenta)'}.`);

  // As the application, like every other change: the bitácora records the new account (by the system).
  const app = new Client({ connectionString: appUrl, application_name: 'asm-setup' });
  await app.connect();
  try {
    const { rows: admins } = await app.query<{ email: string }>(
      `SELECT email FROM users WHERE 'administrador' = ANY(roles) AND active ORDER BY created_at LIMIT 1`,
    );
    if (admins.length) {
      console.log(`3/3 Ya hay un administrador (${admins[0].email}); no creo otro. La instalación está lista: npm start`);
      return;
    }
    const taken = await app.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
    if (taken.rowCount) fail(`Ya existe un usuario ${email} sin el rol de administrador; usa otro correo.`);
    const password = given ?? oneTimePassword(email);
    await app.query(
      `INSERT INTO users (email, full_name, roles, password_hash, password_changed_at, must_change_password)
       VALUES ($1, $2, ARRAY['administrador'], $3, now(), true)`,
      [email, values.nombre?.trim() || 'Administrador', await hashPassword(password)],
    );
    console.log(`3/3 Primer administrador: ${email}`);
    if (given === undefined) {
      console.log('');
      console.log(`    Contraseña de un solo uso: ${password}`);
      console.log('    Se muestra solo esta vez. Al entrar por primera vez el sistema pedirá cambiarla.');
    } else {
      console.log('    Contraseña inicial: la de ASM_ADMIN_PASSWORD. Al entrar por primera vez el sistema pedirá cambiarla.');
    }
    console.log('');
    console.log('Listo. Arranca la API (npm start) y el worker (npm run start:worker).');
  } finally {
    await app.end();
  }
}

main().catch((err: unknown) => {
  console.error(`No se pudo preparar la instalación: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
