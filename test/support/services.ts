import { rm } from 'node:fs/promises';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { AppConfig } from '../../src/config/app-config';
import { toolsModule } from '../../src/core.module';
import { testEnv } from './app';
import { createTestDatabase, dropTestDatabase } from './database';

/**
 * Services without HTTP: the application context of the command line (every
 * feature module, no server, no job processors) on a fresh copy of the
 * migrated template database, connected as the application's role. For the
 * medium tests (test/medium/*.medium-spec.ts) that call a service's rule
 * directly, with an actor built in the test instead of a token.
 */
export interface ServiceContext {
  ctx: INestApplicationContext;
  /** Superuser pool on the same database, for fixtures and assertions. */
  db: Pool;
  config: AppConfig;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

export async function createServiceContext(extra: Record<string, string> = {}): Promise<ServiceContext> {
  const { name, url, appUrl } = await createTestDatabase();
  const config = new AppConfig(testEnv(appUrl, extra));
  const ctx = await NestFactory.createApplicationContext(toolsModule(config), { logger: false });
  const db = new Pool({ connectionString: url, max: 3 });
  db.on('error', () => undefined);
  return {
    ctx,
    db,
    config,
    get: (type) => ctx.get(type, { strict: false }),
    async close() {
      await ctx.close();
      await db.end();
      await dropTestDatabase(name);
      await rm(config.get('STORAGE_DIR'), { recursive: true, force: true });
    },
  };
}
