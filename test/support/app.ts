import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import request, { Test } from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { hashPassword } from '../../src/modules/identity/passwords';
import type { Role } from '../../src/modules/identity/identity.types';
import { createTestDatabase, dropTestDatabase } from './database';
import { TEST_REDIS_URL } from './test-env';

export const TEST_PASSWORD = 'Prueba-segura-2024';

/** Requests sent as one signed-in user. */
export interface Client {
  token: string;
  userId: string;
  get(path: string): Test;
  post(path: string, body?: object): Test;
  patch(path: string, body?: object): Test;
  put(path: string, body?: object): Test;
  delete(path: string): Test;
  /** multipart/form-data with one file in the field "file". */
  upload(path: string, content: Buffer, fileName: string): Test;
}

export interface TestUser {
  id: string;
  email: string;
}

export interface TestApp {
  app: INestApplication;
  /** Unauthenticated requests. */
  http: TestAgent;
  /** Superuser pool on the test database, for assertions and fixtures. */
  db: Pool;
  config: AppConfig;
  /** The environment the app was built from: another replica built from it shares its database, Redis prefix, secret and storage. */
  env: NodeJS.ProcessEnv;
  /** Creates a user directly in the database (password TEST_PASSWORD). */
  user(o: { roles: Role[]; areaIds?: string[]; email?: string; active?: boolean; institutionId?: string }): Promise<TestUser>;
  /** A client for the user, with an access token minted as login would (same secret, claims and session version). */
  as(user: TestUser): Promise<Client>;
  close(): Promise<void>;
}

export function testEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `asm_test_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: `/tmp/asm-test-storage-${randomBytes(4).toString('hex')}`,
    ...extra,
  };
}

let passwordHash: Promise<string> | undefined;

/** The real API (same bootstrap as production) on a fresh database, connected as the application's restricted role. */
export async function createTestApp(extra: Record<string, string> = {}): Promise<TestApp> {
  const { name, url, appUrl } = await createTestDatabase();
  const env = testEnv(appUrl, extra);
  const config = new AppConfig(env);
  const app = await createApiApp(config);
  await app.init();
  const db = new Pool({ connectionString: url, max: 3 });
  // Dropping the database at the end terminates idle connections; that is expected.
  db.on('error', () => undefined);
  const http = request(app.getHttpServer());
  const jwt = app.get(JwtService);
  let n = 0;
  return {
    app,
    http,
    db,
    config,
    env,
    async user(o) {
      n += 1;
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const email = o.email ?? `usuario${n}.${randomBytes(3).toString('hex')}@prueba.gob.mx`;
      const { rows } = await db.query(
        `INSERT INTO users (email, full_name, roles, password_hash, active, institution_id)
         VALUES ($1, $2, $3, $4, $5, COALESCE($6::uuid, default_institution_id())) RETURNING id`,
        [email, `Usuario de prueba ${n}`, o.roles, await passwordHash, o.active ?? true, o.institutionId ?? null],
      );
      if (o.areaIds?.length) {
        await db.query(`INSERT INTO user_areas (user_id, area_id) SELECT $1, unnest($2::uuid[])`, [rows[0].id, o.areaIds]);
      }
      return { id: rows[0].id, email };
    },
    async as(user) {
      const { rows } = await db.query(`SELECT session_version FROM users WHERE id = $1`, [user.id]);
      const token = await jwt.signAsync({ sub: user.id, sv: rows[0].session_version, typ: 'access', fam: randomUUID() }, { expiresIn: 900 });
      const auth = { Authorization: `Bearer ${token}` };
      return {
        token,
        userId: user.id,
        get: (path) => http.get(path).set(auth),
        post: (path, body) =>
          http
            .post(path)
            .set(auth)
            .send(body ?? {}),
        patch: (path, body) =>
          http
            .patch(path)
            .set(auth)
            .send(body ?? {}),
        put: (path, body) =>
          http
            .put(path)
            .set(auth)
            .send(body ?? {}),
        delete: (path) => http.delete(path).set(auth),
        upload: (path, content, fileName) => http.post(path).set(auth).attach('file', content, fileName),
      };
    },
    async close() {
      await app.close();
      await db.end();
      await dropTestDatabase(name);
      await rm(config.get('STORAGE_DIR'), { recursive: true, force: true });
    },
  };
}

/**
 * The app of a whole test file (or describe block): created before its tests and closed after
 * them. The object is filled in by `beforeAll`, so use it inside hooks and tests only.
 */
export function appForTests(extra: Record<string, string> = {}): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await createTestApp(extra));
  });
  afterAll(async () => {
    await t.close();
  });
  return t;
}
