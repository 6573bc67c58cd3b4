import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { assertDatabaseReady } from './database/schema-check';
import { JobDeclarationError } from './queue/queue.errors';
import { WorkerModule } from './worker.module';

/**
 * However the worker is stopped, it is gone within this bound: closing waits a
 * few seconds for jobs in flight (see JobHost), and this timer ends the
 * process if anything still hangs (a Redis or SMTP server that never answers).
 */
const SHUTDOWN_LIMIT_MS = 8000;

let app: INestApplicationContext | undefined;
let stopping: NodeJS.Signals | undefined;

function close(ctx: INestApplicationContext): void {
  ctx.get(Logger).log(`Señal ${stopping}: deteniendo el worker.`, 'Worker');
  ctx.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}

// Nest's shutdown hooks would wait for ever on a close that cannot finish; these do not. They are in
// place before the worker boots, and a second signal (Ctrl+C reaches the whole process group, then
// the demo sends SIGTERM) changes nothing.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = signal;
    setTimeout(() => {
      console.error(`[worker] No terminó de cerrarse en ${SHUTDOWN_LIMIT_MS / 1000} s; se detiene de todos modos.`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    if (app) close(app);
  });
}

async function main(): Promise<void> {
  const config = new AppConfig();
  await assertDatabaseReady(config.get('DATABASE_URL'));
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  ctx.useLogger(ctx.get(Logger));
  app = ctx;
  // Stopped while booting: close now that there is something to close.
  if (stopping) close(ctx);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof JobDeclarationError ? err.message : err);
  process.exit(1);
});
