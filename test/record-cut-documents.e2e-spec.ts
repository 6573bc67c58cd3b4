import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { toolsModule } from '../src/core.module';
import { OutboxRelay } from '../src/modules/reminders/outbox-relay';
import { RecordCutDocumentsJob } from '../src/modules/reporting/documents/record-cut-documents.job';
import { jobIds, QUEUES } from '../src/queue/queue.names';
import { QueueService } from '../src/queue/queue.service';
import { WorkerModule } from '../src/worker.module';
import { Client, createTestApp, TestApp } from './support/app';
import { CUT_DOCUMENTS_OF_RECORD } from './support/documents';
import { Factory } from './support/factories';
import { until } from './support/wait';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

/**
 * A closed cut's documents of record are produced and recorded by the worker, from the 'corte.cerrado' event its
 * close writes: closing never waits for them, and recording them again adds nothing (issue #13: the close request
 * took as long as producing every whole-institution document).
 */
describe('recording a closed cut’s documents (worker job)', () => {
  let t: TestApp;
  let c: Client;
  let corteId: string;
  const q = async (sql: string, p: unknown[] = []) => (await t.db.query(sql, p)).rows;
  const records = () => q(`SELECT kind, format, sha256, times_generated FROM corte_documents WHERE corte_id = $1 ORDER BY kind, format`, [corteId]);
  const revisions = async () => (await q(`SELECT count(*)::int AS n FROM corte_document_revisions`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp({ RELAY_INTERVAL_MS: '100' });
    const u = await t.user({ roles: ['administrador', 'coordinador', 'evaluacion'] });
    c = await t.as(u);
    const f = new Factory(c, async (id) => {
      await t.db.query(`INSERT INTO user_areas (user_id, area_id) VALUES ($1, $2)`, [u.id, id]);
    });
    const p = await f.program();
    const cy = await f.cycle('2021-2022');
    const area = await f.area();
    await f.asm({ programId: p.id, cycleId: cy.id, coordinatingAreaId: area.id, actions: [f.action([area.id]), f.action([area.id])] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('closing writes the corte.cerrado event in its transaction and records no document in the request', async () => {
    const created = (await c.post('/api/v1/cortes', { year: 2022, month: 9 }).expect(201)).body;
    const opened = (await c.post(`/api/v1/cortes/${created.id}/open`, { version: created.version }).expect(200)).body;
    corteId = opened.id;
    await c.post(`/api/v1/cortes/${corteId}/close`, { version: opened.version }).expect(200);
    expect(await records()).toEqual([]);
    expect(await q(`SELECT payload, published_at, handled_at FROM outbox WHERE event_type = 'corte.cerrado'`)).toEqual([
      { payload: { corteId, label: 'Septiembre-2022' }, published_at: null, handled_at: null },
    ]);
  });

  it('the worker records the seven documents once and marks the event handled; a second run adds no revision', async () => {
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
    await worker.init();
    try {
      await until(
        'los documentos registrados por el worker',
        async () => (await q(`SELECT handled_at FROM outbox WHERE event_type = 'corte.cerrado'`))[0].handled_at !== null,
      );
      const first = await records();
      expect(first.map((r) => `${r.kind}.${r.format}`)).toEqual(CUT_DOCUMENTS_OF_RECORD);
      expect(first.every((r) => r.times_generated === 1)).toBe(true);
      const [outbox] = await q(`SELECT id FROM outbox WHERE event_type = 'corte.cerrado'`);
      const jobs = await worker.get(RecordCutDocumentsJob).handle({ corteId, outboxId: Number(outbox.id) });
      expect(jobs.map((d) => d.outcome)).toEqual(Array(7).fill('registrado'));
      expect(await revisions()).toBe(0);
      expect((await records()).map((r) => r.sha256)).toEqual(first.map((r) => r.sha256));
    } finally {
      await worker.close();
    }
  });

  it('the operator re-records them from the command line: same bytes, no revision; a cut not closed is refused', async () => {
    const cli = async (...args: string[]) => {
      try {
        const { stderr } = await run(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'cli.js'), ...args], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: t.config.get('DATABASE_URL'), REDIS_URL: t.config.get('REDIS_URL') },
        });
        return { code: 0, err: stderr };
      } catch (e) {
        const x = e as { code: number; stderr: string };
        return { code: x.code, err: x.stderr };
      }
    };
    const before = await records();
    const again = await cli('documentos-registrar', '--corte', '2022-09');
    expect(again.code).toBe(0);
    expect(again.err).toContain('Registrando los documentos del corte Septiembre-2022');
    for (const r of before) expect(again.err).toContain(`  ${r.kind}.${r.format}\t${r.sha256}\tregistrado`);
    expect(await revisions()).toBe(0);
    expect((await records()).map((r) => r.sha256)).toEqual(before.map((r) => r.sha256));

    const next = (await c.post('/api/v1/cortes', { year: 2023, month: 3 }).expect(201)).body;
    const refused = await cli('documentos-registrar', '--corte', next.id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('El corte Marzo-2023');
    expect(refused.err).toContain('solo un corte cerrado tiene documentos de registro');
    expect((await cli('documentos-registrar', '--corte', 'Marzo-1999')).err).toContain('No existe el corte "Marzo-1999"');
  });

  it('a job Redis lost before it ran is handed over again from the outbox, and records the documents', async () => {
    const created = (await c.post('/api/v1/cortes', { year: 2023, month: 9 }).expect(201)).body;
    const opened = (await c.post(`/api/v1/cortes/${created.id}/open`, { version: created.version }).expect(200)).body;
    await c.post(`/api/v1/cortes/${created.id}/close`, { version: opened.version }).expect(200);
    // Relayed while no worker runs, then lost (a flush, a restart without persistence).
    const tools = await NestFactory.createApplicationContext(toolsModule(t.config), { logger: false });
    try {
      // Its opening's notice and its closing's job.
      expect((await tools.get(OutboxRelay).tick()).notices).toBe(2);
      expect(await tools.get(QueueService).queue(QUEUES.documents).remove(jobIds.recordCut(created.id))).toBe(1);
    } finally {
      await tools.close();
    }
    const event = async () =>
      (await q(`SELECT published_at, handled_at FROM outbox WHERE event_type = 'corte.cerrado' AND payload->>'corteId' = $1`, [created.id]))[0];
    expect(await event()).toMatchObject({ published_at: expect.any(Date), handled_at: null });
    expect((await q(`SELECT count(*)::int AS n FROM corte_documents WHERE corte_id = $1`, [created.id]))[0].n).toBe(0);

    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
    await worker.init();
    try {
      await until('los documentos registrados tras entregar de nuevo el trabajo', async () => (await event()).handled_at !== null);
      expect((await q(`SELECT count(*)::int AS n FROM corte_documents WHERE corte_id = $1 AND times_generated = 1`, [created.id]))[0].n).toBe(7);
    } finally {
      await worker.close();
    }
  });
});
