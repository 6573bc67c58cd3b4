import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { parseEnv } from '../src/config/env.schema';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

type Service = { environment?: Record<string, string> };

/**
 * docker-compose.yml holds no secret: they come from the .env that
 * `npm run env:generate` writes; the API and the worker connect as the
 * application role and never see the schema owner's credentials. (There is no
 * Docker engine on the test machines: the compose file is checked as data,
 * and its variables are filled in as compose would.)
 */
describe('docker compose: secrets from a generated env file, the application role for the API and the worker', () => {
  let dir: string;
  let compose: { services: Record<string, Service> };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asm-env-'));
    compose = parse(await readFile(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const generate = (...args: string[]) => run('npm', ['run', '--silent', 'env:generate', '--', ...args], { cwd: ROOT });
  const readEnv = async (file: string) =>
    Object.fromEntries(
      (await readFile(file, 'utf8'))
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    ) as Record<string, string>;

  /** ${VAR}, ${VAR:?message} and ${VAR:-default} filled in from `env`, as compose does; a missing required variable throws. */
  function interpolate(value: string, env: Record<string, string>): string {
    return value.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
      if (env[name] !== undefined && env[name] !== '') return env[name];
      if (op === '?') throw new Error(`${name}: ${arg}`);
      return op === '-' ? (arg ?? '') : '';
    });
  }

  it('the generator writes fresh, strong secrets, readable by their owner only', async () => {
    const a = join(dir, 'a.env');
    const b = join(dir, 'b.env');
    await generate(a);
    await generate(b);
    const [ea, eb] = [await readEnv(a), await readEnv(b)];
    expect(Object.keys(ea).sort()).toEqual(['ASM_APP_DB_PASSWORD', 'JWT_SECRET', 'METRICS_TOKEN', 'POSTGRES_PASSWORD']);
    for (const k of Object.keys(ea)) {
      expect(ea[k]).toMatch(/^[0-9a-f]{48,}$/);
      expect(ea[k]).not.toBe(eb[k]);
    }
    expect(new Set(Object.values(ea)).size).toBe(4);
    expect((await stat(a)).mode & 0o777).toBe(0o600);
  });

  it('never overwrites an existing file unless told to', async () => {
    const file = join(dir, 'existente.env');
    await writeFile(file, 'POSTGRES_PASSWORD=la-que-ya-usa-la-base\n');
    await expect(generate(file)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('ya existe') });
    expect(await readFile(file, 'utf8')).toBe('POSTGRES_PASSWORD=la-que-ya-usa-la-base\n');
    await generate(file, '--force');
    expect((await readEnv(file)).POSTGRES_PASSWORD).not.toBe('la-que-ya-usa-la-base');
  });

  it('the compose file writes no secret itself: every one is a variable the generated file defines', async () => {
    const text = await readFile(join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*JWT_SECRET:\s*[^$\s]/m);
    expect(text).not.toMatch(/^\s*POSTGRES_PASSWORD:\s*[^$\s]/m);
    expect(text).not.toMatch(/postgres:\/\/[^:@/]+:[^$@/][^@/]*@/);
    const generated = await readEnv(join(dir, 'a.env'));
    const used = [...text.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]);
    const required = [...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect({ name, defined: name in generated }).toEqual({ name, defined: true });
    // The others are settings with a default in the file (or the previous session key, set only during a rotation).
    const optional = [...text.matchAll(/\$\{([A-Z0-9_]+):-([^}]*)\}/g)].map((m) => ({ name: m[1], fallback: m[2] }));
    for (const name of used) expect({ name, declared: required.includes(name) || optional.some((o) => o.name === name) }).toEqual({ name, declared: true });
    // A secret may be optional (METRICS_TOKEN, JWT_SECRET_PREVIOUS) but never has a value written here: empty turns it off.
    for (const { name, fallback } of optional) {
      const secret = /PASSWORD|KEY|TOKEN|SECRET/.test(name);
      expect({ name, fallback: secret ? fallback : '' }).toEqual({ name, fallback: '' });
    }
    // Without the file, compose stops with a message saying how to create it.
    expect(() => interpolate(compose.services.api.environment!.JWT_SECRET, {})).toThrow(/npm run env:generate/);
  });

  it('the API and the worker connect as the application role and never get the owner credentials', async () => {
    const env = await readEnv(join(dir, 'a.env'));
    for (const name of ['api', 'worker']) {
      const e = Object.fromEntries(Object.entries(compose.services[name].environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]));
      expect(Object.keys(e)).not.toContain('MIGRATIONS_DATABASE_URL');
      expect(Object.values(e).join('\n')).not.toContain(env.POSTGRES_PASSWORD);
      const url = new URL(e.DATABASE_URL);
      expect({ name, user: url.username, password: url.password }).toEqual({ name, user: 'asm_app', password: env.ASM_APP_DB_PASSWORD });
      expect(e.JWT_SECRET).toBe(env.JWT_SECRET);
      // What the processes would boot with passes the application's own validation.
      expect(() => parseEnv(e)).not.toThrow();
    }
  });

  it('only the migrate step gets the owner, and creates the application role with the generated password', async () => {
    const env = await readEnv(join(dir, 'a.env'));
    const e = Object.fromEntries(Object.entries(compose.services.migrate.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]));
    const owner = new URL(e.MIGRATIONS_DATABASE_URL);
    expect({ user: owner.username, password: owner.password }).toEqual({ user: 'asm', password: env.POSTGRES_PASSWORD });
    expect(interpolate(compose.services.postgres.environment!.POSTGRES_PASSWORD, env)).toBe(env.POSTGRES_PASSWORD);
    expect(new URL(e.DATABASE_URL).username).toBe('asm_app');
    const others = Object.entries(compose.services).filter(([n]) => n !== 'migrate' && n !== 'postgres');
    for (const [name, s] of others) expect({ name, owner: JSON.stringify(s.environment ?? {}).includes('POSTGRES_PASSWORD') }).toEqual({ name, owner: false });
  });

  it('the image never carries the env file', async () => {
    const ignored = (await readFile(join(ROOT, '.dockerignore'), 'utf8')).split('\n').map((l) => l.trim());
    expect(ignored).toContain('.env');
    expect(await readFile(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });
});
