import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { toolsModule } from '../src/core.module';
import { AppConfig } from '../src/config/app-config';
import { ReminderScanService } from '../src/modules/reminders/reminder-scan.service';
import { Client, createTestApp, TestApp, testEnv } from './support/app';
import { seedAction, seedAreas, seedAsm } from './support/asm-fixture';
import { calendarDays, RemindedByDay, remindersByDay } from './support/reminders';
import { TestSmtp } from './support/smtp';

/**
 * Time travel over 40 days (2027-01-11 … 2027-02-19), with a real SMTP server.
 * Action A1 is due Wednesday 2027-02-10; the open cut's submission deadline is
 * Friday 2027-02-12 (Monday 2027-02-01 is a rest day: first Monday of
 * February); an avance of A2 waits for review since Wednesday 2027-01-20.
 * Escalation after 3 business days overdue; review reminders after 5.
 */
const EXPECTED: RemindedByDay = {
  '2027-01-11': { responsable: ['por-vencer:30'] },
  '2027-01-26': { responsable: ['por-vencer:15'] },
  '2027-01-27': { coordinador: ['revision-pendiente:0'] },
  '2027-01-28': { responsable: ['corte-plazo:10'] },
  '2027-02-03': { responsable: ['por-vencer:7'] },
  '2027-02-04': { coordinador: ['revision-pendiente:1'] },
  '2027-02-05': { responsable: ['corte-plazo:5'] },
  '2027-02-09': { responsable: ['por-vencer:1'] },
  '2027-02-10': { responsable: ['por-vencer:0'] },
  '2027-02-11': { responsable: ['corte-plazo:1', 'vencida:0'], coordinador: ['revision-pendiente:2'] },
  '2027-02-15': { coordinador: ['vencida-escalada:0'] },
  // The escalation of 15/02 repeats a week after it (22/02), not three days later with the responsable's weekly series (issue 11, finding 3).
  '2027-02-18': { responsable: ['vencida:1'], coordinador: ['revision-pendiente:3'] },
};

describe('reminders: the daily scan', () => {
  let t: TestApp;
  const smtp = new TestSmtp();
  let ctx: INestApplicationContext;
  let users: { responsable: string; coordinador: string };
  let evaluacion: Client;
  const extra = { REMINDER_ESCALATE_BUSINESS_DAYS: '3', REMINDER_REVIEW_BUSINESS_DAYS: '5', PUBLIC_BASE_URL: 'https://asm.prueba.gob.mx' };

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ ...extra, SMTP_URL: smtp.url });
    ctx = await NestFactory.createApplicationContext(toolsModule(t.config), { logger: false });
    const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);
    const { coordinating: ca, responsible: ra } = await seedAreas(t.db);
    const resp = await t.user({ roles: ['responsable'], areaIds: [ra], email: 'responsable@prueba.gob.mx' });
    const coord = await t.user({ roles: ['coordinador'], areaIds: [ca], email: 'coordinador@prueba.gob.mx' });
    users = { responsable: resp.id, coordinador: coord.id };
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    // Someone of the same area but disabled is never reminded.
    await t.user({ roles: ['responsable'], areaIds: [ra], active: false, email: 'baja@prueba.gob.mx' });
    const asmId = await seedAsm(t.db, ca);
    const action = (pos: number, due: string) => seedAction(t.db, asmId, ra, { position: pos, description: `Acción ${pos}`, due, percent: 20 });
    await action(1, '2027-02-10');
    const a2 = await action(2, '2027-12-31');
    const [corte] = await q(
      `INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status, opened_at) VALUES (2027, 1, '2027-01-29', '2027-02-12', 'abierto', now()) RETURNING id`,
    );
    await q(`INSERT INTO avances (action_id, corte_id, percent, status, submitted_at) VALUES ($1, $2, 40, 'enviado', '2027-01-20T12:00:00-06:00')`, [
      a2,
      corte.id,
    ]);
  });

  afterAll(async () => {
    await ctx.close();
    await t.close();
    await smtp.stop();
  });

  it('sends each expected digest on the expected day, with the expected items, and nothing else', async () => {
    const sent = await remindersByDay(ctx, t.db, calendarDays('2027-01-11', '2027-02-19'), users, (i) => `${i.reason}:${i.stage}`);
    expect(sent).toEqual(EXPECTED);
    // One e-mail per person per day with items, as the SMTP server saw them.
    const expectedMails = Object.values(EXPECTED).reduce((n, d) => n + Object.keys(d).length, 0);
    expect(smtp.received).toHaveLength(expectedMails);
    const feb11 = smtp.received.find((m) => m.to === 'responsable@prueba.gob.mx' && m.subject.includes('11/02/2027'))!;
    expect(feb11.subject).toBe('Seguimiento de ASM: 2 pendientes al 11/02/2027');
    for (const section of [
      'Plazo de entrega del corte',
      'La entrega de avances vence el 12/02/2027 (en 1 día hábil). Te falta enviar el avance de 1 acción.',
      'Acciones vencidas',
    ])
      expect(feb11.text).toContain(section);
    // Links open the web application's page of the item, never the JSON API.
    for (const page of ['https://asm.prueba.gob.mx/acciones/', 'https://asm.prueba.gob.mx/cortes/']) expect(feb11.text).toContain(page);
    expect(feb11.text).not.toContain('/api/v1/');
    expect(smtp.received.some((m) => m.to === 'baja@prueba.gob.mx')).toBe(false);
  });

  it('never announces twice: a second run the same day sends nothing', async () => {
    const before = smtp.received.length;
    const scan = ctx.get(ReminderScanService);
    expect((await scan.run('2027-02-18')).digests).toBe(0);
    expect(smtp.received.length).toBe(before);
  });

  it('gives each recipient exactly one digest when two workers scan at the same moment', async () => {
    // A fresh pending item for the coordinator: an avance waiting since 2027-02-01.
    await t.db.query(
      `INSERT INTO avances (action_id, corte_id, percent, status, submitted_at)
       SELECT x.id, c.id, 10, 'enviado', '2027-02-26T12:00:00-06:00' FROM actions x, cortes c WHERE x.position = 1 LIMIT 1`,
    );
    const other = await NestFactory.createApplicationContext(toolsModule(new AppConfig(testEnv(t.config.get('DATABASE_URL'), extra))), { logger: false });
    try {
      const [a, b] = await Promise.all([ctx.get(ReminderScanService).run('2027-03-10'), other.get(ReminderScanService).run('2027-03-10')]);
      expect(a.digests + b.digests).toBe(2);
      const rows = (await t.db.query(`SELECT recipient_id, count(*)::int AS n FROM notification_log WHERE digest_date = '2027-03-10' GROUP BY 1`)).rows;
      expect(rows.map((r) => r.n)).toEqual([1, 1]);
    } finally {
      await other.close();
    }
  });

  it('shows the evaluation unit a preview, the delivery log, and runs a scan on request', async () => {
    const preview = await evaluacion.get('/api/v1/reminders/preview?date=2027-03-20').expect(200);
    expect(preview.body.date).toBe('2027-03-20');
    for (const d of preview.body.digests) expect(d.items.length).toBeGreaterThan(0);
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM notification_log`)).rows[0].n;
    await evaluacion.get('/api/v1/reminders/preview').expect(200);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM notification_log`)).rows[0].n).toBe(before);
    const log = await evaluacion.get('/api/v1/notifications?status=enviado&kind=resumen&recipient=responsable@').expect(200);
    expect(log.body.total).toBe(9);
    expect(log.body.items[0]).toMatchObject({ kind: 'resumen', status: 'enviado', recipientEmail: 'responsable@prueba.gob.mx', attempts: 1 });
    const run = await evaluacion.post('/api/v1/reminders/run').expect(202);
    expect(run.body.jobId).toBeTruthy();
    const resp = await t.as({ id: users.responsable, email: 'responsable@prueba.gob.mx' });
    await resp.get('/api/v1/notifications').expect(403);
    await resp.post('/api/v1/reminders/run').expect(403);
    await evaluacion.get('/api/v1/reminders/preview?date=2027-02-31').expect(400);
  });
});
