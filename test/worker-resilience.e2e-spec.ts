import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../src/worker.module';
import { Client, createTestApp, TestApp } from './support/app';
import { seedAction, seedAreas, seedAsm } from './support/asm-fixture';
import { TestRedis } from './support/redis';
import { TestSmtp } from './support/smtp';
import { until } from './support/wait';

const ROOT = join(__dirname, '..');

/** R4, R5, R6 with a private Redis, a real SMTP server and real worker processes. */
describe('worker resilience', () => {
  const redis = new TestRedis();
  const smtp = new TestSmtp();
  let t: TestApp;
  let coord: Client;
  let resp: Client;
  let actionId: string;
  let otherActionId: string;
  const settings = () => ({
    REDIS_URL: redis.url,
    SMTP_URL: smtp.url,
    MAIL_BACKOFF_MS: '150',
    MAIL_ATTEMPTS: '30',
    RELAY_INTERVAL_MS: '100',
    MAIL_STUCK_AFTER_MS: '1500',
    MAIL_CONCURRENCY: '1',
  });

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
    t = await createTestApp(settings());
    const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);
    const { coordinating: ca, responsible: ra } = await seedAreas(t.db);
    coord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [ca], email: 'coordinador@prueba.gob.mx' }));
    resp = await t.as(await t.user({ roles: ['responsable'], areaIds: [ra], email: 'responsable@prueba.gob.mx' }));
    // The users' own (default) institution: another institution's actions are not theirs to report on.
    const asmId = await seedAsm(t.db, ca, { status: 'comprometido', defaultInstitution: true });
    actionId = await seedAction(t.db, asmId, ra, { position: 1, description: 'Acción vigilada', due: '2030-12-31' });
    otherActionId = await seedAction(t.db, asmId, ra, { position: 2, description: 'Otra acción', due: '2030-12-31' });
    await q(`INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status) VALUES (2030, 3, '2030-03-31', '2030-04-12', 'abierto') RETURNING id`);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await redis.stop();
  });

  const mailsTo = (to: string, subject: string) => smtp.received.filter((m) => m.to === to && m.subject === subject);

  it('R6: with Redis down the API keeps answering 2xx; the notices wait in the outbox and go out once Redis is back', async () => {
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
    await worker.init();
    try {
      await redis.stop();
      // The API keeps serving, so it stays ready (a load balancer must not drain it); Redis is reported on its own (issue 11, finding 8).
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.checks).toEqual([{ name: 'database', ok: true }, expect.objectContaining({ name: 'redis', ok: false }), { name: 'storage', ok: true }]);
      expect((await t.http.get('/health/redis').expect(503)).body.code).toBe('REDIS_UNAVAILABLE');
      const av = (await resp.post(`/api/v1/actions/${actionId}/avances`, { percent: 30 }).expect(201)).body;
      const sent = (await resp.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(200)).body;
      const back = (await coord.post(`/api/v1/avances/${av.id}/return`, { version: sent.version, reason: 'Falta el oficio' }).expect(200)).body;
      expect(back.status).toBe('devuelto');
      await new Promise((r) => setTimeout(r, 600));
      const waiting = (await t.db.query(`SELECT event_type FROM outbox WHERE published_at IS NULL ORDER BY id`)).rows.map((r) => r.event_type);
      expect(waiting).toEqual(['avance.enviado', 'avance.devuelto']);
      expect(smtp.received).toHaveLength(0);

      await redis.start();
      await until('los dos avisos', () => smtp.received.length >= 2);
      await new Promise((r) => setTimeout(r, 500));
      expect(mailsTo('coordinador@prueba.gob.mx', 'Avance enviado para tu revisión')).toHaveLength(1);
      const returned = mailsTo('responsable@prueba.gob.mx', 'Tu avance fue devuelto');
      expect(returned).toHaveLength(1);
      expect(returned[0].text).toContain('Motivo: Falta el oficio');
      expect(smtp.received).toHaveLength(2);
      await t.http.get('/health/ready').expect(200);
    } finally {
      await worker.close();
    }
  });

  it('R5: SMTP down then back: delivered once after recovery; a 550 is recorded as permanent and not retried', async () => {
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
    await worker.init();
    try {
      smtp.received.length = 0;
      const port = smtp.port;
      await smtp.stop();
      const av = (await resp.post(`/api/v1/actions/${otherActionId}/avances`, { percent: 50 }).expect(201)).body;
      const sent = (await resp.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(200)).body;
      await until('el fallo temporal registrado', async () => {
        const r = await t.db.query(`SELECT status, attempts FROM notification_log WHERE event_type = 'avance.enviado' ORDER BY created_at DESC LIMIT 1`);
        return r.rows[0]?.status === 'fallido_temporal' && r.rows[0].attempts >= 2;
      });
      await smtp.start(port);
      await until('la entrega tras la recuperación', () => smtp.received.length >= 1);
      await new Promise((r) => setTimeout(r, 700));
      expect(mailsTo('coordinador@prueba.gob.mx', 'Avance enviado para tu revisión')).toHaveLength(1);
      const row = (
        await t.db.query(`SELECT status, attempts, last_error FROM notification_log WHERE event_type = 'avance.enviado' ORDER BY created_at DESC LIMIT 1`)
      ).rows[0];
      expect(row.status).toBe('enviado');
      expect(row.attempts).toBeGreaterThanOrEqual(3);

      // The responsible user's mailbox refuses for good (550): one attempt, recorded, never retried.
      let refusals = 0;
      smtp.decide = (m) => {
        if (m.to === 'responsable@prueba.gob.mx') {
          refusals += 1;
          return { code: 550, message: 'Buzón inexistente' };
        }
        return 'accept';
      };
      await coord.post(`/api/v1/avances/${av.id}/approve`, { version: sent.version }).expect(200);
      await until('el rechazo permanente registrado', async () => {
        const r = await t.db.query(`SELECT status FROM notification_log WHERE event_type = 'avance.aprobado'`);
        return r.rows[0]?.status === 'fallido_permanente';
      });
      await new Promise((r) => setTimeout(r, 1500));
      const failed = (await t.db.query(`SELECT status, attempts, last_error FROM notification_log WHERE event_type = 'avance.aprobado'`)).rows[0];
      expect(failed).toMatchObject({ status: 'fallido_permanente', attempts: 1 });
      expect(failed.last_error).toContain('550');
      expect(refusals).toBe(1);
    } finally {
      smtp.decide = () => 'accept';
      await worker.close();
    }
  });

  it('R4: the worker killed (SIGKILL) in the middle of a run and restarted: the rest are delivered, none twice', async () => {
    smtp.received.length = 0;
    const total = 8;
    const ids: string[] = [];
    for (let i = 0; i < total; i++) {
      const [row] = (
        await t.db.query(
          `INSERT INTO notification_log (kind, recipient_email, subject, body_text, body_html, items) VALUES ('aviso', $1, $2, 'Texto', '<p>Texto</p>', 1) RETURNING id`,
          [`persona${i}@prueba.gob.mx`, `Aviso ${i}`],
        )
      ).rows;
      ids.push(row.id);
    }
    const env = { ...process.env, ...t.config.env, ...settings(), LOG_LEVEL: 'silent' } as unknown as NodeJS.ProcessEnv;
    for (const [k, v] of Object.entries(env)) env[k] = v === undefined ? undefined : String(v);
    const start = (): ChildProcess =>
      spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.worker.js')], { env, stdio: process.env.TEST_WORKER_OUTPUT ? 'inherit' : 'ignore' });
    let worker = start();
    let killed = false;
    let seen = 0;
    smtp.decide = () => {
      if (seen++ === 3 && !killed) {
        killed = true;
        worker.kill('SIGKILL');
        return 'hang';
      }
      return 'accept';
    };
    try {
      await until('el corte del worker', () => killed, 60_000);
      await new Promise((r) => setTimeout(r, 300));
      const beforeRestart = smtp.received.length;
      expect(beforeRestart).toBe(3);
      worker = start();
      await until('todas las entregas', () => smtp.received.length >= total, 60_000);
      await new Promise((r) => setTimeout(r, 1000));
      const delivered = smtp.received.map((m) => m.notificationId).sort();
      expect(delivered).toEqual([...ids].sort());
      const rows = (await t.db.query(`SELECT status FROM notification_log WHERE id = ANY($1)`, [ids])).rows;
      expect(rows.every((r) => r.status === 'enviado')).toBe(true);
    } finally {
      smtp.decide = () => 'accept';
      worker.kill('SIGTERM');
    }
  });
});
