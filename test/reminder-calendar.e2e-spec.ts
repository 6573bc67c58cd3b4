import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusinessCalendar } from '../src/common/business-calendar';
import { toolsModule } from '../src/core.module';
import { ReminderScanService } from '../src/modules/reminders/reminder-scan.service';
import { createTestApp, TestApp } from './support/app';
import { seedAction, seedAreas, seedAsm } from './support/asm-fixture';
import { calendarDays, RemindedByDay, remindersByDay } from './support/reminders';
import { TestSmtp } from './support/smtp';

/**
 * Time travel from Monday 2026-11-02 to Friday 2027-01-15 with the default
 * rules (30/15/7/1/0 days before, weekly while overdue, escalation after 10
 * business days), a real SMTP server, and the worker "down" (no scan) from
 * 2026-12-10 to 2026-12-15. Rest days in the range: Monday 16/11 (Revolución),
 * Friday 25/12, Friday 01/01 and every weekend.
 *
 * A is due Friday 04/12/2026: its 10th business day overdue is Friday 18/12,
 * 14 calendar days later (finding 3: the escalation was repeated on 19/12).
 * B is due Wednesday 09/12: its first overdue notice comes late (scans missed
 * until 16/12, day 7) and must not be repeated on day 8.
 * C is due Saturday 02/01/2027 (finding 4): "en 1 día" fell on Friday 01/01, a
 * rest day, and "on the day" on the Saturday; both go out on Thursday 31/12.
 */
const EXPECTED: RemindedByDay = {
  '2026-11-04': { responsable: ['A:por-vencer:30'] },
  '2026-11-09': { responsable: ['B:por-vencer:30'] },
  '2026-11-19': { responsable: ['A:por-vencer:15'] },
  '2026-11-24': { responsable: ['B:por-vencer:15'] },
  '2026-11-27': { responsable: ['A:por-vencer:7'] },
  '2026-12-02': { responsable: ['B:por-vencer:7'] },
  '2026-12-03': { responsable: ['A:por-vencer:1', 'C:por-vencer:30'] },
  '2026-12-04': { responsable: ['A:por-vencer:0'] },
  '2026-12-07': { responsable: ['A:vencida:0'] },
  '2026-12-08': { responsable: ['B:por-vencer:1'] },
  '2026-12-09': { responsable: ['B:por-vencer:0'] },
  '2026-12-16': { responsable: ['A:vencida:1', 'B:vencida:0'] },
  '2026-12-18': { responsable: ['C:por-vencer:15'], coordinador: ['A:vencida-escalada:0'] },
  '2026-12-23': { responsable: ['A:vencida:2', 'B:vencida:1'], coordinador: ['B:vencida-escalada:0'] },
  '2026-12-24': { responsable: ['C:por-vencer:7'] },
  '2026-12-28': { coordinador: ['A:vencida-escalada:1'] },
  '2026-12-30': { responsable: ['A:vencida:3', 'B:vencida:2'], coordinador: ['B:vencida-escalada:1'] },
  '2026-12-31': { responsable: ['C:por-vencer:0'] },
  '2027-01-04': { responsable: ['C:vencida:0'], coordinador: ['A:vencida-escalada:2'] },
  '2027-01-06': { responsable: ['A:vencida:4', 'B:vencida:3'], coordinador: ['B:vencida-escalada:2'] },
  '2027-01-11': { responsable: ['C:vencida:1'], coordinador: ['A:vencida-escalada:3'] },
  '2027-01-13': { responsable: ['A:vencida:5', 'B:vencida:4'], coordinador: ['B:vencida-escalada:3'] },
  '2027-01-15': { coordinador: ['C:vencida-escalada:0'] },
};
const DOWN = new Set(['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14', '2026-12-15']);

describe('reminders: rest days and repeats (días hábiles)', () => {
  let t: TestApp;
  const smtp = new TestSmtp();
  let ctx: INestApplicationContext;
  let users: { responsable: string; coordinador: string };
  const label = new Map<string, string>();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    ctx = await NestFactory.createApplicationContext(toolsModule(t.config), { logger: false });
    const { coordinating: ca, responsible: ra } = await seedAreas(t.db);
    users = {
      responsable: (await t.user({ roles: ['responsable'], areaIds: [ra], email: 'responsable@prueba.gob.mx' })).id,
      coordinador: (await t.user({ roles: ['coordinador'], areaIds: [ca], email: 'coordinador@prueba.gob.mx' })).id,
    };
    const asmId = await seedAsm(t.db, ca);
    for (const [pos, name, due] of [
      [1, 'A', '2026-12-04'],
      [2, 'B', '2026-12-09'],
      [3, 'C', '2027-01-02'],
    ] as const) {
      label.set(await seedAction(t.db, asmId, ra, { position: pos, description: `Acción ${name}`, due, percent: 20 }), name);
    }
  });

  afterAll(async () => {
    await ctx.close();
    await t.close();
    await smtp.stop();
  });

  it('sends on business days only, countdowns before a rest day and follow-ups after it, and repeats a week after the previous notice', async () => {
    const scanned = calendarDays('2026-11-02', '2027-01-15').filter((day) => !DOWN.has(day));
    const sent = await remindersByDay(ctx, t.db, scanned, users, (i) => `${label.get(i.item_id)}:${i.reason}:${i.stage}`);
    expect(sent).toEqual(EXPECTED);

    // No digest is dated on a rest day; the SMTP server got exactly one e-mail per person and day above.
    const cal = new BusinessCalendar();
    const dates = (await t.db.query(`SELECT DISTINCT digest_date::text AS d FROM notification_log WHERE kind = 'resumen'`)).rows.map((r) => r.d as string);
    expect(dates.filter((d) => !cal.isBusinessDay(d))).toEqual([]);
    expect(smtp.received).toHaveLength(Object.values(EXPECTED).reduce((n, d) => n + Object.keys(d).length, 0));

    // "En N días" stays calendar days from the day the e-mail is sent.
    const dec31 = smtp.received.find((m) => m.subject.endsWith('al 31/12/2026'))!;
    expect(dec31.text).toContain('Vence el 02/01/2027 (en 2 días).');
    const dec24 = smtp.received.find((m) => m.subject.endsWith('al 24/12/2026'))!;
    expect(dec24.text).toContain('Vence el 02/01/2027 (en 9 días).');
    const dec18 = smtp.received.find((m) => m.to === 'coordinador@prueba.gob.mx' && m.subject.endsWith('al 18/12/2026'))!;
    expect(dec18.text).toContain('vencida el 04/12/2026 (10 días hábiles de atraso)');
  });

  it('previews nothing for a rest day and runs nothing on it', async () => {
    const scan = ctx.get(ReminderScanService);
    await t.db.query(`UPDATE actions SET due_date = '2027-02-02', original_due_date = '2027-02-02' WHERE description = 'Acción A'`);
    expect(await scan.preview('2027-01-16')).toEqual([]); // Saturday
    expect((await scan.run('2027-01-16')).digests).toBe(0);
    // The next business day, the new due date (a prórroga) starts a new countdown.
    const monday = await scan.preview('2027-01-18');
    expect(monday.map((d) => d.items.map((i) => `${label.get(i.itemId)}:${i.reason}:${i.occurrence.split('@')[0]}`).sort())).toEqual([
      ['A:por-vencer:15', 'C:vencida:2'],
    ]);
  });

  it('gives a September 2030 cut a deadline that skips 1 October 2030 (transmisión del Poder Ejecutivo)', async () => {
    const evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    const res = await evaluacion.post('/api/v1/cortes', { year: 2030, month: 9, cutoffDate: '2030-09-30' }).expect(201);
    expect(res.body.submissionDeadline).toBe('2030-10-15');
  });
});
