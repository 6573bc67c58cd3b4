import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { TestSmtp } from '../../support/smtp';
import { ADMIN_DATABASE_URL, APP_DB_ROLE, DB_PREFIX, databaseUrl, TEST_REDIS_URL } from '../../support/test-env';
import { freePort, until } from '../../support/wait';

const ROOT = resolve(__dirname, '..', '..', '..');
const node = process.execPath;

/**
 * One stack for the whole suite, as in production: a fresh database (migrated,
 * with the demo data), the API process serving the built web app on a free
 * port, the worker process, and a real SMTP server whose messages are written
 * to MAIL_DIR for the tests to read. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync(node, [join(ROOT, 'scripts', 'ensure-build.js')], { stdio: 'inherit' });
  const runId = `${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
  const name = `${DB_PREFIX}${runId}_web`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const ownerUrl = databaseUrl(name);
  const appUrl = databaseUrl(name, APP_DB_ROLE);

  const mailDir = join('/tmp', `asm-web-mail-${runId}`);
  mkdirSync(mailDir, { recursive: true });
  const smtp = new TestSmtp();
  let n = 0;
  smtp.decide = (mail) => {
    writeFileSync(join(mailDir, `${String(++n).padStart(4, '0')}.json`), JSON.stringify(mail));
    return 'accept';
  };
  await smtp.start();

  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const storage = join('/tmp', `asm-web-storage-${runId}`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATABASE_URL: appUrl,
    MIGRATIONS_DATABASE_URL: ownerUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `asm_web_${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
    SMTP_URL: smtp.url,
    STORAGE_DIR: storage,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    RELAY_INTERVAL_MS: '300',
    // The worker runs a missed daily scan itself past REMINDER_TIME: the suite runs its own (daily-work.spec.ts),
    // on a weekend that of the last business day, which a scan of today run first would supersede.
    REMINDER_TIME: '23:59',
    MAIL_BACKOFF_MS: '200',
  };
  execFileSync(node, [join(ROOT, 'dist', 'src', 'database', 'migrate.main.js')], { env, stdio: 'pipe' });
  execFileSync(node, [join(ROOT, 'dist', 'src', 'demo', 'seed.main.js')], { env, stdio: 'pipe' });

  const children: ChildProcess[] = [];
  const start = (script: string) => {
    const child = spawn(node, [join(ROOT, 'dist', 'src', script)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(child);
  };
  start('main.api.js');
  start('main.worker.js');
  await until('la API responde', async () => (await fetch(`${baseUrl}/health/ready`).catch(() => undefined))?.ok === true, 120_000, 250);

  process.env.WEB_BASE_URL = baseUrl;
  process.env.WEB_DATABASE_URL = ownerUrl;
  process.env.WEB_MAIL_DIR = mailDir;

  return async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await smtp.stop();
    const a = new Client({ connectionString: ADMIN_DATABASE_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
    rmSync(mailDir, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  };
}
