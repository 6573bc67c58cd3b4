import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/env.schema';
import { runMigrations } from '../database/migrate';
import { toolsModule } from '../core.module';
import { LocalPostgres, LocalPostgresError } from './local-postgres';
import { seedDemo } from './seed';

/*
 * `npm run demo`: everything a newcomer needs, in one command.
 *   PostgreSQL: DATABASE_URL if set, else an embedded PostgreSQL with its data in ./.data/pg
 *   Redis:      REDIS_URL if set, else the redis-server binary on a local port
 * then migrations, demo data, the API and the worker.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const DATA = resolve(process.env.DEMO_DATA_DIR ?? join(ROOT, '.data'));
const EMBEDDED_PG_PORT = Number(process.env.DEMO_PG_PORT ?? 54329);
const DEMO_REDIS_PORT = Number(process.env.DEMO_REDIS_PORT ?? 63790);

/** The API and the worker; stopped first, while the services they use still run. */
const apps: ChildProcess[] = [];
/** Services the demo started (redis-server). */
const services: ChildProcess[] = [];
const stops: (() => Promise<void>)[] = [];

/** How long a process may take to stop before it is killed: the worker's own bound is 8 s. */
const STOP_WAIT_MS = 10_000;

const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

/** SIGTERM, then SIGKILL if it is still there after `ms`: nothing the demo started outlives it. */
function stopChild(c: ChildProcess, ms = STOP_WAIT_MS): Promise<void> {
  if (exited(c)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => c.kill('SIGKILL'), ms);
    c.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    c.kill('SIGTERM');
  });
}

async function within(ms: number, work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

function say(line: string): void {
  console.log(`[demo] ${line}`);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = createServer()
      .once('error', () => ok(false))
      .once('listening', () => s.close(() => ok(true)))
      .listen(port, '127.0.0.1');
  });
}

/** The owner's URL (migrations) and the application's URL (a role without rights on the bitácora). */
async function database(): Promise<{ ownerUrl: string; appUrl: string }> {
  if (process.env.DATABASE_URL) {
    say('PostgreSQL: uso DATABASE_URL.');
    return { ownerUrl: process.env.MIGRATIONS_DATABASE_URL ?? process.env.DATABASE_URL, appUrl: process.env.DATABASE_URL };
  }
  mkdirSync(DATA, { recursive: true });
  let databaseDir = join(DATA, 'pg');
  // Run as root, PostgreSQL runs as the postgres user, which cannot reach a clone under a private home
  // (/root, mode 700): the cluster then lives under the temporary directory, one per clone.
  if (!LocalPostgres.dataDirUsable(databaseDir)) {
    databaseDir = join(tmpdir(), `asm-demo-pg-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
  }
  const pg = new LocalPostgres({ databaseDir, port: EMBEDDED_PG_PORT, password: 'postgres' });
  if (!pg.initialised) {
    say(`Inicializando PostgreSQL embebido en ${databaseDir} …`);
    await pg.initialise();
  }
  stops.push(() => within(STOP_WAIT_MS, pg.stop()));
  await pg.start();
  await pg.createDatabase('asm');
  say(`PostgreSQL embebido en 127.0.0.1:${EMBEDDED_PG_PORT} (datos en ${databaseDir}).`);
  return {
    ownerUrl: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/asm`,
    appUrl: `postgres://asm_app:asm_app@127.0.0.1:${EMBEDDED_PG_PORT}/asm`,
  };
}

async function redis(): Promise<string> {
  if (process.env.REDIS_URL) {
    say('Redis: uso REDIS_URL.');
    return process.env.REDIS_URL;
  }
  let binary: string;
  try {
    binary = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'No encontré Redis. Instálalo (Debian/Ubuntu: sudo apt install redis-server; macOS: brew install redis) ' +
        'o define REDIS_URL=redis://host:6379 con un Redis existente, y vuelve a ejecutar npm run demo.',
    );
  }
  if (!(await portFree(DEMO_REDIS_PORT))) {
    say(`Redis: ya hay un servidor en el puerto ${DEMO_REDIS_PORT}; lo uso.`);
    return `redis://127.0.0.1:${DEMO_REDIS_PORT}`;
  }
  const child = spawn(binary, ['--port', String(DEMO_REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  services.push(child);
  await new Promise((r) => setTimeout(r, 300));
  say(`Redis iniciado en 127.0.0.1:${DEMO_REDIS_PORT} (${binary}).`);
  return `redis://127.0.0.1:${DEMO_REDIS_PORT}`;
}

/** Without SMTP_URL, a local SMTP catcher that prints one line per message (the worker's reminders and notices). */
async function mailCatcher(): Promise<string> {
  if (process.env.SMTP_URL) {
    say('Correo: uso SMTP_URL.');
    return process.env.SMTP_URL;
  }
  const port = Number(process.env.DEMO_SMTP_PORT ?? 1025);
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      void simpleParser(stream).then((m) => {
        const to = (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? '';
        console.log(`[correo] Para: ${to} — Asunto: ${m.subject ?? ''}`);
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  stops.push(() => within(STOP_WAIT_MS, new Promise<void>((r) => server.close(() => r()))));
  say(`Correo: receptor SMTP de demostración en 127.0.0.1:${port}; cada mensaje se imprime aquí como [correo].`);
  return `smtp://127.0.0.1:${port}`;
}

function start(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', script)], { env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`[demo] El proceso ${name} terminó (código ${code ?? signal}); detengo la demostración.`);
      void shutdown(1);
    }
  });
  apps.push(child);
  return child;
}

let shuttingDown = false;
/**
 * Stops everything the demo started, in order and within a bound, then exits:
 * the API and the worker first (each gets STOP_WAIT_MS, then SIGKILL), then
 * redis-server, PostgreSQL and the mail catcher. Ctrl+C sends SIGINT to the
 * whole process group at once; this leaves no process behind either way.
 */
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say('Deteniendo …');
  await Promise.all(apps.map((c) => stopChild(c)));
  await Promise.all(services.map((c) => stopChild(c)));
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const onSignal = () => void shutdown(0);

async function main(): Promise<void> {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  const { ownerUrl, appUrl } = await database();
  const redisUrl = await redis();
  const smtpUrl = await mailCatcher();
  const port = process.env.PORT ?? '3000';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    // A fresh signing key per run: sessions of an earlier run simply end.
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    PORT: port,
    // Readable logs in the terminal (one short line per request); LOG_PRETTY=false gives production's JSON.
    LOG_PRETTY: process.env.LOG_PRETTY ?? 'true',
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
  };
  const config = new AppConfig(env);

  say('Aplicando migraciones …');
  await runMigrations(ownerUrl, (l) => say(l), appUrl !== ownerUrl ? appUrl : undefined);

  const ctx = await NestFactory.createApplicationContext(toolsModule(config), { logger: ['error', 'warn'] });
  say(
    (await seedDemo(ctx))
      ? 'Datos de demostración cargados: programa S-038, 6 áreas, 12 periodos y 8 ASM del formato de referencia.'
      : 'Los datos de demostración ya estaban cargados.',
  );
  await ctx.close();

  start('api', 'main.api.js', env);
  start('worker', 'main.worker.js', env);
  say('');
  say(`Aplicación web: http://localhost:${port}/  (entra con un usuario de demostración)`);
  say(`API:            http://localhost:${port}/api/v1/asms`);
  say(`Documentación:  http://localhost:${port}/api/docs`);
  say(`Salud:          http://localhost:${port}/health/ready`);
  say('Usuarios de demostración (contraseña Demo-ASM-2022): admin@, evaluacion@, coordinador@, responsable@ y consulta@demo.gob.mx');
  say('Ctrl+C para detener.');
}

/** A start-up failure in Spanish, with what to do; never a stack trace. */
function explain(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof LocalPostgresError || err instanceof ConfigError) return message;
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return `Un puerto que la demostración necesita ya está ocupado (${message}). Detén el otro proceso o elige otro con PORT, DEMO_PG_PORT, DEMO_REDIS_PORT o DEMO_SMTP_PORT.`;
  if (code === 'EACCES' || code === 'EPERM')
    return `Permiso denegado (${message}). Ejecuta la demostración desde un directorio donde tengas permisos, o define DATABASE_URL y REDIS_URL con servicios existentes.`;
  return `No se pudo iniciar la demostración: ${message}. Corrige lo que indica el mensaje y vuelve a ejecutar npm run demo (o define DATABASE_URL y REDIS_URL con servicios existentes).`;
}

process.on('uncaughtException', (err) => {
  console.error(`[demo] ${explain(err)}`);
  void shutdown(1);
});

main().catch(async (err: unknown) => {
  console.error(`[demo] ${explain(err)}`);
  await shutdown(1);
});
