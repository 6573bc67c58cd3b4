import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { createTestDatabase, dropTestDatabase } from './database';
import { TEST_REDIS_URL } from './test-env';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  /** Superuser pool on the test database, for assertions and fixtures. */
  db: Pool;
  config: AppConfig;
  close(): Promise<void>;
}

export function testEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `asm_test_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...extra,
  };
}

/** The real API (same bootstrap as production) on a fresh database. */
export async function createTestApp(extra: Record<string, string> = {}): Promise<TestApp> {
  const { name, url } = await createTestDatabase();
  const config = new AppConfig(testEnv(url, extra));
  const app = await createApiApp(config);
  await app.init();
  const db = new Pool({ connectionString: url, max: 3 });
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    config,
    async close() {
      await app.close();
      await db.end();
      await dropTestDatabase(name);
    },
  };
}
