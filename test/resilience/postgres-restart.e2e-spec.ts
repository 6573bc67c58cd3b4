import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { runMigrations } from '../../src/database/migrate';
import { LocalPostgres } from '../../src/demo/local-postgres';
import { testEnv } from '../support/app';
import { freePort, until } from '../support/wait';

/*
 * R7: PostgreSQL restarted under a running API. A private PostgreSQL (the
 * machine's own keeps serving the other test files) is stopped and started
 * again: readiness goes red, requests get a clear 503 in Spanish, and once
 * it is back readiness goes green and reads and writes work, without
 * restarting the API.
 */
describe('R7: PostgreSQL restarted', () => {
  let dir: string;
  let pg: LocalPostgres;
  let app: INestApplication;
  let http: TestAgent;
  let owner: Pool;
  let auth: { Authorization: string };
  let storageDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asm-pg-restart-'));
    const port = await freePort();
    // The demo's server: it runs from any directory, as root too (the postgres user, binaries it can reach).
    pg = new LocalPostgres({ databaseDir: dir, port, password: 'postgres' });
    await pg.initialise();
    await pg.start();
    await pg.createDatabase('asm');
    const ownerUrl = `postgres://postgres:postgres@127.0.0.1:${port}/asm`;
    await runMigrations(ownerUrl, () => undefined, `postgres://asm_app:asm_app@127.0.0.1:${port}/asm`);
    const config = new AppConfig(testEnv(`postgres://asm_app:asm_app@127.0.0.1:${port}/asm`));
    storageDir = config.get('STORAGE_DIR');
    app = await createApiApp(config);
    await app.init();
    http = request(app.getHttpServer());
    owner = new Pool({ connectionString: ownerUrl, max: 1 });
    owner.on('error', () => undefined);
    const [admin] = (
      await owner.query(
        `INSERT INTO users (email, full_name, roles) VALUES ('admin@prueba.gob.mx', 'Administración', '{administrador}') RETURNING id, session_version`,
      )
    ).rows;
    const token = await app.get(JwtService).signAsync({ sub: admin.id, sv: admin.session_version, typ: 'access', fam: randomUUID() }, { expiresIn: 900 });
    auth = { Authorization: `Bearer ${token}` };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await owner?.end().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await rm(storageDir, { recursive: true, force: true });
  });

  it('goes red while PostgreSQL is down and serves again once it is back, without a restart', async () => {
    await http.get('/health/ready').expect(200);
    await http.post('/api/v1/areas').set(auth).send({ name: 'Antes del reinicio' }).expect(201);

    await owner.end();
    await pg.stop();

    await until('readiness en rojo', async () => (await http.get('/health/ready')).status === 503, 30_000, 200);
    const ready = await http.get('/health/ready').expect(503);
    expect(ready.body.code).toBe('NOT_READY');
    expect(ready.body.message).toContain('PostgreSQL');
    const read = await http.get('/api/v1/areas').set(auth);
    expect(read.status).toBe(503);
    expect(read.body.code).toBe('DATABASE_UNAVAILABLE');
    expect(read.body.message).toMatch(/base de datos no responde/);
    const write = await http
      .post('/api/v1/areas')
      .set(auth)
      .send({ name: `Durante la caída ${randomBytes(2).toString('hex')}` });
    expect(write.status).toBe(503);

    await pg.start();

    await until('readiness en verde', async () => (await http.get('/health/ready')).status === 200, 30_000, 200);
    await http.post('/api/v1/areas').set(auth).send({ name: 'Después del reinicio' }).expect(201);
    const names = (await http.get('/api/v1/areas?pageSize=100').set(auth).expect(200)).body.items.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Antes del reinicio', 'Después del reinicio']));
    expect(names.some((n: string) => n.startsWith('Durante la caída'))).toBe(false);
  });
});
