import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { createApiApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { ReminderScanService } from '../src/modules/reminders/reminder-scan.service';
import { WorkerModule } from '../src/worker.module';
import { Client, createTestApp, TestApp } from './support/app';
import { TestSmtp } from './support/smtp';
import { freePort } from './support/wait';

const TOKEN = randomBytes(24).toString('hex');

/** The value of one sample of the exposition text (labels in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v) && Object.keys(have).length === Object.keys(labels).length) return Number(m[3]);
  }
  return undefined;
}

/**
 * /metrics (issue 15, item 3): the API's on its own port, the worker's on
 * WORKER_METRICS_PORT, both behind METRICS_TOKEN; and the figures move when
 * work happens.
 */
describe('Prometheus metrics', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let reader: Client;
  let cycleId: string;
  let workerPort: number;
  const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);
  const scrape = async () => (await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    await smtp.start();
    workerPort = await freePort();
    t = await createTestApp({ METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: String(workerPort), SMTP_URL: smtp.url, RELAY_INTERVAL_MS: '200' });
    reader = await t.as(await t.user({ roles: ['evaluacion'] }));
    const [ca] = await q(`INSERT INTO areas (name, name_key) VALUES ('Coordinadora', 'coordinadora') RETURNING id`);
    const [ra] = await q(`INSERT INTO areas (name, name_key) VALUES ('Responsable', 'responsable') RETURNING id`);
    await t.user({ roles: ['responsable'], areaIds: [ra.id] });
    await q(`INSERT INTO ramos (code, name) VALUES ('19', 'R')`);
    const [inst] = await q(`INSERT INTO institutions (acronym, name) VALUES ('IMSS', 'IMSS') RETURNING id`);
    const [p] = await q(`INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1, '19', 'S', '038', 'P') RETURNING id`, [inst.id]);
    const [cy] = await q(`INSERT INTO cycles (label, start_year) VALUES ('2026-2027', 2026) RETURNING id`);
    cycleId = cy.id;
    const [asm] = await q(
      `INSERT INTO asms (program_id, cycle_id, text, classification, coordinating_area_id, status) VALUES ($1, $2, 'ASM', 'institucional', $3, 'en_proceso') RETURNING id`,
      [p.id, cy.id, ca.id],
    );
    // Due seven days after the scan below: one of the default offsets (30,15,7,1,0).
    const [a] = await q(
      `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent) VALUES ($1, 1, 'Acción', '2027-03-26', '2027-03-26', 'R', 'P', 10) RETURNING id`,
      [asm.id],
    );
    await q(`INSERT INTO action_areas (action_id, area_id, position) VALUES ($1, $2, 1)`, [a.id, ra.id]);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  describe('the API', () => {
    it('refuses /metrics without the token or with a wrong one, in constant time, and says nothing else', async () => {
      const none = await t.http.get('/metrics').expect(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect(none.text).not.toContain('asm_');
      const wrong = await t.http
        .get('/metrics')
        .set('Authorization', `Bearer ${TOKEN.slice(0, -1)}x`)
        .expect(401);
      expect(wrong.text).not.toContain('asm_');
      // A signed-in user's access token is not the metrics token.
      await t.http.get('/metrics').set('Authorization', `Bearer ${reader.token}`).expect(401);
    });

    it('answers with the token, in Prometheus text format', async () => {
      const res = await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      for (const name of [
        'asm_http_request_duration_seconds',
        'asm_db_pool_connections',
        'asm_queue_jobs',
        'asm_outbox_pending_events',
        'asm_mails',
        'asm_process_resident_memory_bytes',
      ]) {
        expect(res.text).toContain(`# TYPE ${name} `);
      }
      expect(sample(res.text, 'asm_dependency_up', { dependency: 'database' })).toBe(1);
      expect(sample(res.text, 'asm_dependency_up', { dependency: 'redis' })).toBe(1);
      expect(sample(res.text, 'asm_dependency_up', { dependency: 'storage' })).toBe(1);
      expect(sample(res.text, 'asm_db_pool_max')).toBe(10);
      expect(sample(res.text, 'asm_queue_jobs', { queue: 'correo', state: 'failed' })).toBe(0);
    });

    it('without METRICS_TOKEN configured, /metrics does not exist (404) and reveals nothing', async () => {
      const env = { ...t.env };
      delete env.METRICS_TOKEN;
      delete env.WORKER_METRICS_PORT;
      const other: INestApplication = await createApiApp(new AppConfig(env));
      await other.init();
      try {
        const res = await request(other.getHttpServer()).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
        expect(res.text).not.toContain('asm_');
      } finally {
        await other.close();
      }
    });

    it('an HTTP request is counted under its route template and status, never under its raw URL', async () => {
      const route = '/api/v1/evidence/:id';
      const before = sample(await scrape(), 'asm_http_request_duration_seconds_count', { method: 'GET', route, status: '404' }) ?? 0;
      const id = randomUUID();
      await reader.get(`/api/v1/evidence/${id}`).expect(404);
      await reader.get(`/api/v1/evidence/${randomUUID()}`).expect(404);
      const after = await scrape();
      expect(sample(after, 'asm_http_request_duration_seconds_count', { method: 'GET', route, status: '404' })).toBe(before + 2);
      expect(after).not.toContain(id);
      // A path no route serves shares one label.
      await t.http.get(`/api/v1/no-existe/${id}`).expect(404);
      const unmatched = await scrape();
      expect(unmatched).not.toContain(id);
      expect(sample(unmatched, 'asm_http_request_duration_seconds_count', { method: 'GET', route: 'sin-ruta', status: '404' })).toBe(1);
      expect(unmatched).not.toContain('*path');
    });

    it('a document produced increments its counter; a refused request does not', async () => {
      const labels = { kind: 'documento-institucional', format: 'csv' };
      expect(sample(await scrape(), 'asm_documents_generated_total', labels)).toBeUndefined();
      await reader.get(`/api/v1/cycles/${cycleId}/documents/documento-institucional?format=csv`).expect(200);
      await reader.get(`/api/v1/cycles/${randomUUID()}/documents/documento-institucional?format=csv`).expect(404);
      expect(sample(await scrape(), 'asm_documents_generated_total', labels)).toBe(1);
    });

    it('the outbox backlog and the age of its oldest event reflect pending events (no worker relays them here)', async () => {
      const before = await scrape();
      expect(sample(before, 'asm_outbox_pending_events')).toBe(0);
      expect(sample(before, 'asm_outbox_oldest_pending_age_seconds')).toBe(0);
      await q(
        `INSERT INTO outbox (event_type, payload, created_at) VALUES ('corte.abierto', '{}', now() - interval '11 minutes'), ('corte.abierto', '{}', now())`,
      );
      const after = await scrape();
      expect(sample(after, 'asm_outbox_pending_events')).toBe(2);
      expect(sample(after, 'asm_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(660);
      expect(sample(after, 'asm_outbox_oldest_pending_age_seconds')).toBeLessThan(700);
      await q(`UPDATE outbox SET published_at = now(), handled_at = now()`);
      expect(sample(await scrape(), 'asm_outbox_pending_events')).toBe(0);
    });
  });

  describe('the worker, on WORKER_METRICS_PORT', () => {
    let worker: INestApplicationContext;
    const workerMetrics = (auth?: string) => {
      const r = request(`http://127.0.0.1:${workerPort}`).get('/metrics');
      return auth ? r.set('Authorization', auth) : r;
    };

    beforeAll(async () => {
      worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
    });

    afterAll(async () => {
      await worker.close();
    });

    it('answers only with the token, and only /metrics', async () => {
      await workerMetrics().expect(401);
      await workerMetrics('Bearer otro-token-que-no-es-el-correcto').expect(401);
      const res = await workerMetrics(`Bearer ${TOKEN}`).expect(200);
      expect(res.text).toContain('# TYPE asm_reminder_scan_duration_seconds histogram');
      // The worker serves no requests: no HTTP histogram samples.
      expect(res.text).not.toContain('asm_http_request_duration_seconds_count');
      await request(`http://127.0.0.1:${workerPort}`).get('/api/v1/auth/me').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    });

    it('a reminder run records its duration, its digests and items, and the time of the last scan', async () => {
      const result = await worker.get(ReminderScanService).run('2027-03-19', 'manual');
      expect(result).toMatchObject({ ran: true, digests: 1 });
      expect(result.items).toBeGreaterThanOrEqual(1);
      const text = (await workerMetrics(`Bearer ${TOKEN}`).expect(200)).text;
      expect(sample(text, 'asm_reminder_scan_duration_seconds_count', { trigger: 'manual' })).toBe(1);
      expect(sample(text, 'asm_reminder_scan_duration_seconds_sum', { trigger: 'manual' })).toBeGreaterThan(0);
      expect(sample(text, 'asm_reminder_digests_total')).toBe(1);
      expect(sample(text, 'asm_reminder_items_total')).toBe(result.items);
      const [scan] = await q(`SELECT extract(epoch FROM last_finished_at)::float AS at FROM reminder_scans WHERE scan_date = '2027-03-19'`);
      expect(sample(text, 'asm_reminder_last_scan_timestamp_seconds')).toBeCloseTo(scan.at, 0);
      // The digest's mail, sent by the worker, moves the delivery log's figures.
      await smtp.waitFor(1);
      const sent = async () => sample((await workerMetrics(`Bearer ${TOKEN}`)).text, 'asm_mails', { state: 'enviado' });
      for (let i = 0; i < 50 && (await sent()) !== 1; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await sent()).toBe(1);
      expect(sample((await workerMetrics(`Bearer ${TOKEN}`)).text, 'asm_mail_attempts_total', { outcome: 'enviado' })).toBe(1);
    });
  });
});
