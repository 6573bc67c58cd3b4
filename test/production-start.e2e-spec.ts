import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { MIGRATIONS } from '../src/database/migrations';
import { dropTestDatabase } from './support/database';
import { ADMIN_DATABASE_URL, APP_DB_ROLE, DB_PREFIX, databaseUrl, TEST_REDIS_URL } from './support/test-env';
import { freePort, until } from './support/wait';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const ADMIN = 'primera.admin@institucion.gob.mx';

/**
 * A production installation's first start, with the real commands an operator types: `npm start`
 * on an empty database refuses and names the command to run; `npm run setup` applies the
 * migrations, creates the application role's rights and the first administrator (no demo data);
 * the API then starts, the administrator signs in with the one-time password and must change it
 * before anything else; `npm start` on a database with a migration missing names `npm run migrate`.
 */
describe('production start: npm run setup, then npm start', () => {
  const name = `${DB_PREFIX}${process.env.ASM_TEST_RUN_ID}_prod_${randomBytes(3).toString('hex')}`;
  const owner = databaseUrl(name);
  const app = databaseUrl(name, APP_DB_ROLE);
  const started: ChildProcess[] = [];
  let db: Client;

  const baseEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: app,
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      ...extra,
    };
    for (const k of ['MIGRATIONS_DATABASE_URL', 'ASM_ADMIN_PASSWORD', 'NODE_OPTIONS']) if (!(k in extra)) delete env[k];
    env.QUEUE_PREFIX = `asm_test_${randomBytes(4).toString('hex')}`;
    return env;
  };

  async function setup(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
    try {
      const { stdout, stderr } = await run('npm', ['run', '--silent', 'setup', '--', ...args], {
        cwd: ROOT,
        env: baseEnv({ MIGRATIONS_DATABASE_URL: owner, ...extra }),
      });
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  }

  /** `npm start` (or the worker) in its own process group; resolves with its exit and what it printed. */
  function start(script: 'start' | 'start:worker', port: number): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
    const child = spawn('npm', ['run', '--silent', script], {
      cwd: ROOT,
      env: baseEnv({ PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    started.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    return { child, output: () => out, exit: new Promise((r) => child.once('exit', (code) => r(code))) };
  }

  const tables = async () => (await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n as number;

  beforeAll(async () => {
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    db = new Client({ connectionString: owner });
    await db.connect();
  });

  afterAll(async () => {
    for (const c of started) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
    await db.end();
    await dropTestDatabase(name);
  });

  it('npm start and the worker refuse an empty database and name the command to run; nothing is written', async () => {
    for (const script of ['start', 'start:worker'] as const) {
      const p = start(script, await freePort());
      expect({ script, code: await p.exit }).toEqual({ script, code: 1 });
      expect(p.output()).toContain('La base de datos de DATABASE_URL está vacía');
      expect(p.output()).toContain('npm run setup -- --admin <correo del administrador>');
      expect(p.output()).not.toMatch(/^\s+at /m);
    }
    expect(await tables()).toBe(0);
  });

  it('npm run setup refuses without an administrator or with a weak ASM_ADMIN_PASSWORD, before touching the database', async () => {
    const none = await setup([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Indica el correo del primer administrador con --admin');
    const weak = await setup(['--admin', ADMIN], { ASM_ADMIN_PASSWORD: 'corta' });
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('ASM_ADMIN_PASSWORD no sirve');
    expect(await tables()).toBe(0);
  });

  it('prepares the empty database; the administrator signs in with the one-time password and must change it first', async () => {
    const first = await setup(['--admin', ADMIN, '--nombre', 'Primera Administradora']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const password = /Contraseña de un solo uso: (\S+)/.exec(first.out)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    // The password is printed once, and never stored in the clear.
    expect(first.out.split(password!).length).toBe(2);

    expect((await db.query(`SELECT count(*)::int AS n FROM schema_migrations`)).rows[0].n).toBe(MIGRATIONS.length);
    const users = (await db.query(`SELECT email, full_name, roles, must_change_password, password_hash FROM users`)).rows;
    expect(users).toEqual([
      {
        email: ADMIN,
        full_name: 'Primera Administradora',
        roles: ['administrador'],
        must_change_password: true,
        password_hash: expect.stringMatching(/^\$argon2id\$/),
      },
    ]);
    // No demo data: no programs, areas, ASM or cuts.
    for (const table of ['programs', 'areas', 'asms', 'cortes'])
      expect({ table, rows: (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n }).toEqual({ table, rows: 0 });
    // The application role got its rights, and the bitácora recorded the account as made by the system.
    const member = await db.query(`SELECT pg_has_role($1, 'asm_app_rw', 'MEMBER') AS m`, [APP_DB_ROLE]);
    expect(member.rows[0].m).toBe(true);
    const events = (await db.query(`SELECT actor_id, operation FROM audit_events WHERE entity = 'users'`)).rows;
    expect(events).toEqual([expect.objectContaining({ actor_id: null })]);

    const port = await freePort();
    const api = start('start', port);
    const base = `http://127.0.0.1:${port}`;
    await until('la API lista', async () => (await fetch(`${base}/health/ready`).catch(() => undefined))?.status === 200, 60_000, 200);
    const post = (path: string, body: object, token?: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const get = (path: string, token: string) => fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });

    const login = await post('/api/v1/auth/login', { email: ADMIN, password });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { accessToken: string; user: { mustChangePassword: boolean; roles: string[] } };
    expect(session.user).toMatchObject({ mustChangePassword: true, roles: ['administrador'] });

    // Until the password changes: one's own profile and password, nothing else (not even an administrator's routes).
    for (const path of ['/api/v1/asms', '/api/v1/users']) {
      const refused = await get(path, session.accessToken);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(((await refused.json()) as { code: string }).code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const created = await post('/api/v1/areas', { name: 'Antes de cambiar la contraseña' }, session.accessToken);
    expect(created.status).toBe(403);
    expect((await db.query(`SELECT count(*)::int AS n FROM areas`)).rows[0].n).toBe(0);
    expect(((await (await get('/api/v1/auth/me', session.accessToken)).json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);
    const same = await post('/api/v1/auth/password', { currentPassword: password, newPassword: password }, session.accessToken);
    expect(same.status).toBe(400);
    expect((await db.query(`SELECT must_change_password FROM users`)).rows[0].must_change_password).toBe(true);

    const changed = await post('/api/v1/auth/password', { currentPassword: password, newPassword: 'Nueva-clave-2026-propia' }, session.accessToken);
    expect(changed.status).toBe(200);
    const fresh = ((await changed.json()) as { accessToken: string }).accessToken;
    expect((await get('/api/v1/users', fresh)).status).toBe(200);
    expect((await post('/api/v1/areas', { name: 'Unidad de Evaluación' }, fresh)).status).toBe(201);
    expect((await db.query(`SELECT must_change_password FROM users`)).rows[0].must_change_password).toBe(false);
    expect((await post('/api/v1/auth/login', { email: ADMIN, password })).status).toBe(401);
    expect((await post('/api/v1/auth/login', { email: ADMIN, password: 'Nueva-clave-2026-propia' })).status).toBe(200);

    process.kill(-api.child.pid!, 'SIGTERM');
    await api.exit;

    // Run again: harmless, no second administrator, no password printed.
    const again = await setup(['--admin', 'otra@institucion.gob.mx']);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`Ya hay un administrador (${ADMIN}); no creo otro.`);
    expect(again.out).not.toContain('Contraseña de un solo uso');
    expect((await db.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n).toBe(1);
  }, 180_000);

  it('npm start refuses a database with a migration missing and names npm run migrate', async () => {
    const last = new MIGRATIONS[MIGRATIONS.length - 1]().name;
    await db.query(`DELETE FROM schema_migrations WHERE name = $1`, [last]);
    const p = start('start', await freePort());
    expect(await p.exit).toBe(1);
    expect(p.output()).toContain(`le faltan 1 migración(es) de esta versión (${last})`);
    expect(p.output()).toContain('npm run migrate');
    expect(p.output()).not.toMatch(/^\s+at /m);
  });
});
