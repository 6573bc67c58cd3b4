import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '../src/common/clock';
import { QUEUES } from '../src/queue/queue.names';
import { QueueService } from '../src/queue/queue.service';
import { WorkerModule } from '../src/worker.module';
import { Client, createTestApp, TestApp } from './support/app';
import { seedAction, seedAreas, seedAsm } from './support/asm-fixture';
import { fingerprint } from './support/database';
import { TestSmtp } from './support/smtp';
import { until } from './support/wait';

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00-06:00`);

/**
 * Finding 6: the evaluation unit runs the scan of a missed day (POST
 * /reminders/run with a date), with the guarantees of any scan: nothing
 * announced twice, one digest per person per day, whoever runs it and however
 * often. Not a future day, not one before the latest scan, not more than 31
 * days back. "Today" is Friday 19/03/2027 for the API and the worker.
 */
describe('reminders: running a missed day', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let worker: INestApplicationContext;
  let evaluacion: Client;
  const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url, RELAY_INTERVAL_MS: '200', REMINDER_TIME: '08:00' });
    t.app.get(Clock).setNow(at('2027-03-19', '10:00'));
    // The worker's clock stands before the scheduled time, so that only the runs asked for here run.
    const clock = new Clock(t.config);
    clock.setNow(at('2027-03-19', '07:00'));
    const ref = await Test.createTestingModule({ imports: [WorkerModule.forRoot(t.config)] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await ref.init();
    worker = ref;
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    const { coordinating: ca, responsible: ra } = await seedAreas(t.db);
    await t.user({ roles: ['responsable'], areaIds: [ra], email: 'responsable@prueba.gob.mx' });
    const asmId = await seedAsm(t.db, ca);
    await seedAction(t.db, asmId, ra, { position: 1, description: 'Acción', due: '2027-03-22', percent: 10 });
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
    await smtp.stop();
  });

  const scans = () => q(`SELECT scan_date::text AS date, runs, first_trigger AS trigger, digests FROM reminder_scans ORDER BY scan_date`);

  it('refuses a future day and one more than 31 days back, and writes or queues nothing', async () => {
    const before = await fingerprint(t.db);
    const jobs = await worker.get(QueueService).queue(QUEUES.reminders).getJobCounts();
    const future = await evaluacion.post('/api/v1/reminders/run', { date: '2027-03-20' }).expect(422);
    expect(future.body).toMatchObject({ code: 'SCAN_DATE_IN_FUTURE', details: [{ field: 'date' }] });
    expect(future.body.message).toContain('19/03/2027');
    const old = await evaluacion.post('/api/v1/reminders/run', { date: '2027-02-15' }).expect(422);
    expect(old.body.code).toBe('SCAN_DATE_TOO_OLD');
    await evaluacion.post('/api/v1/reminders/run', { date: '18/03/2027' }).expect(400);
    expect(await fingerprint(t.db)).toEqual(before);
    expect(await worker.get(QueueService).queue(QUEUES.reminders).getJobCounts()).toEqual(jobs);
  });

  it('runs a missed day asked three times at once: one digest, dated that day, sent once', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => evaluacion.post('/api/v1/reminders/run', { date: '2027-03-18' })));
    expect(runs.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(runs.map((r) => r.body.date)).toEqual(['2027-03-18', '2027-03-18', '2027-03-18']);
    await until('los tres escaneos', async () => (await scans())[0]?.runs === 3, 30_000, 50);
    await until('el resumen', () => smtp.received.length >= 1, 30_000, 50);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await scans()).toEqual([{ date: '2027-03-18', runs: 3, trigger: 'manual', digests: 1 }]);
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([['responsable@prueba.gob.mx', 'Seguimiento de ASM: 1 pendiente al 18/03/2027']]);
    expect(smtp.received[0].text).toContain('Vence el 22/03/2027 (en 4 días).');
  });

  it('refuses a day before the latest scan; without a date runs today, once however often', async () => {
    const superseded = await evaluacion.post('/api/v1/reminders/run', { date: '2027-03-17' }).expect(422);
    expect(superseded.body.code).toBe('SCAN_DATE_SUPERSEDED');
    expect(superseded.body.message).toContain('18/03/2027');
    const today = await evaluacion.post('/api/v1/reminders/run').expect(202);
    expect(today.body.date).toBe('2027-03-19');
    await until('el escaneo de hoy', async () => (await scans()).length === 2, 30_000, 50);
    // Friday: the "1 day before" of Monday's deadline falls on Sunday and goes out today (decision 0018).
    await until('el resumen de hoy', () => smtp.received.length >= 2, 30_000, 50);
    expect(smtp.received[1].subject).toBe('Seguimiento de ASM: 1 pendiente al 19/03/2027');
    expect(smtp.received[1].text).toContain('Vence el 22/03/2027 (en 3 días).');
    await evaluacion.post('/api/v1/reminders/run', { date: '2027-03-19' }).expect(202);
    await until('el segundo escaneo de hoy', async () => (await scans())[1]?.runs === 2, 30_000, 50);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await scans())[1]).toEqual({ date: '2027-03-19', runs: 2, trigger: 'manual', digests: 1 });
    await evaluacion.post('/api/v1/reminders/run', { date: '2027-03-18' }).expect(422);
    expect(smtp.received).toHaveLength(2);
  });
});
