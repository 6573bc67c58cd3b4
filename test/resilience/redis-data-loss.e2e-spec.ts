import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Clock } from '../../src/common/clock';
import { toolsModule } from '../../src/core.module';
import { OutboxRelay } from '../../src/modules/reminders/outbox-relay';
import { ReminderScanService } from '../../src/modules/reminders/reminder-scan.service';
import { JOBS, QUEUES } from '../../src/queue/queue.names';
import { QueueService } from '../../src/queue/queue.service';
import { REDIS_RECONNECT_MAX_MS } from '../../src/queue/redis-options';
import { WorkerModule } from '../../src/worker.module';
import { createTestApp, TestApp } from '../support/app';
import { TestRedis } from '../support/redis';
import { TestSmtp } from '../support/smtp';
import { until } from '../support/wait';

const RELAY_INTERVAL_MS = 200;
/** Mexico City has kept UTC-6 all year since 2022: 08:00 there is 14:00 UTC. */
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00-06:00`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * R11: Redis restarted WITHOUT its data (a fresh redis-server on the same
 * port, as a Redis with no persistence comes back) in the middle of
 * deliveries and before the daily scan. The delivery log and the outbox in
 * PostgreSQL are the source of truth (decision 0019): every queued mail is
 * delivered exactly once, nothing stays queued, the schedule is registered
 * again and the day's scan runs once. The periodic sweep is set to 10 minutes
 * so that what is measured is the worker noticing that Redis forgot.
 */
describe('R11: Redis loses its data', () => {
  const redis = new TestRedis();
  const smtp = new TestSmtp();
  let t: TestApp;
  let seq = 0;
  const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);

  /** The worker the case started, closed after it. */
  let worker: INestApplicationContext | undefined;

  /** A worker process's modules in this process, with its clock frozen at `now` from before it boots (closed after the case). */
  async function startWorker(now: Date): Promise<{ ctx: INestApplicationContext; clock: Clock; queues: QueueService }> {
    const clock = new Clock(t.config);
    clock.setNow(now);
    const ref = await Test.createTestingModule({ imports: [WorkerModule.forRoot(t.config)] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    worker = ref;
    await ref.init();
    return { ctx: ref, clock, queues: ref.get(QueueService) };
  }

  /** `n` responsables of a new area with one action due on `due`; returns their e-mails. */
  async function population(n: number, due: string): Promise<{ emails: string[]; actionId: string }> {
    seq += 1;
    const [area] = await q(`INSERT INTO areas (name, name_key) VALUES ($1, $2) RETURNING id`, [`Área ${seq}`, `area ${seq}`]);
    const emails: string[] = [];
    for (let i = 0; i < n; i++) {
      const email = `persona${seq}-${i}@prueba.gob.mx`;
      await t.user({ roles: ['responsable'], areaIds: [area.id], email });
      emails.push(email);
    }
    const [asm] = await q(`SELECT id FROM asms LIMIT 1`);
    const [a] = await q(
      `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent)
       VALUES ($1, $2, $3, $4, $4, 'R', 'P', 10) RETURNING id`,
      [asm.id, seq, `Acción ${seq}`, due],
    );
    await q(`INSERT INTO action_areas (action_id, area_id, position) VALUES ($1, $2, 1)`, [a.id, area.id]);
    return { emails, actionId: a.id };
  }

  /** Delivered once each: every message of these rows reached the SMTP server exactly once. */
  async function deliveredOnce(ids: string[]): Promise<void> {
    const got = smtp.received.map((m) => m.notificationId).filter((id) => ids.includes(id));
    expect(got.sort()).toEqual([...ids].sort());
    const rows = await q(`SELECT status FROM notification_log WHERE id = ANY($1)`, [ids]);
    expect(rows.filter((r) => r.status !== 'enviado')).toEqual([]);
  }

  /** The day's scan record (how many times it ran, what first triggered it, its digests): none before the day's scan. */
  const scanOf = (day: string) => q(`SELECT runs, first_trigger, digests FROM reminder_scans WHERE scan_date = $1`, [day]);
  /** The ids of the digests a scan wrote for `day`. */
  const digestIds = async (day: string) => (await q(`SELECT id FROM notification_log WHERE digest_date = $1`, [day])).map((r) => r.id as string);

  /**
   * Redis restarted without its data while the rows `ids` are being delivered (`whileDown` runs while it is away).
   * Returns how many were not delivered yet when it stopped, when it came back, and how long after that every one
   * of them was in its queue again (the wait failing after `requeueTimeoutMs`).
   */
  async function restartRedisEmpty(
    ids: string[],
    requeueTimeoutMs: number,
    whileDown: () => Promise<void> = () => Promise.resolve(),
  ): Promise<{ queuedAtLoss: number; back: number; requeuedMs: number }> {
    await redis.stop();
    await whileDown();
    const queuedAtLoss = (await q(`SELECT count(*)::int AS n FROM notification_log WHERE id = ANY($1) AND status <> 'enviado'`, [ids]))[0].n as number;
    await redis.start();
    const back = Date.now();
    await until(
      'que todo vuelva a la cola',
      async () =>
        (await q(`SELECT count(*)::int AS n FROM notification_log WHERE id = ANY($1) AND status <> 'enviado' AND enqueued_at < $2`, [ids, new Date(back)]))[0]
          .n === 0,
      requeueTimeoutMs,
      20,
    );
    return { queuedAtLoss, back, requeuedMs: Date.now() - back };
  }

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
    t = await createTestApp({
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      RELAY_INTERVAL_MS: String(RELAY_INTERVAL_MS),
      MAIL_CONCURRENCY: '2',
      MAIL_BACKOFF_MS: '200',
      MAIL_ATTEMPTS: '30',
      MAIL_SWEEP_INTERVAL_MS: '600000',
      REMINDER_TIME: '08:00',
    });
    const [ca] = await q(`INSERT INTO areas (name, name_key) VALUES ('Coordinadora', 'coordinadora') RETURNING id`);
    await t.user({ roles: ['coordinador'], areaIds: [ca.id], email: 'coordinador@prueba.gob.mx' });
    await q(`INSERT INTO ramos (code, name) VALUES ('19', 'R')`);
    const [inst] = await q(`INSERT INTO institutions (acronym, name) VALUES ('IMSS', 'IMSS') RETURNING id`);
    const [p] = await q(`INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1, '19', 'S', '038', 'P') RETURNING id`, [inst.id]);
    const [cy] = await q(`INSERT INTO cycles (label, start_year) VALUES ('2026-2027', 2026) RETURNING id`);
    await q(
      `INSERT INTO asms (program_id, cycle_id, text, classification, coordinating_area_id, status) VALUES ($1, $2, 'ASM', 'institucional', $3, 'en_proceso')`,
      [p.id, cy.id, ca.id],
    );
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await worker?.close();
    worker = undefined;
    // Each case's actions stop being due, so that the next case's scans see only their own.
    await q(`UPDATE actions SET percent = 100`);
    smtp.delayMs = 0;
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await redis.stop();
  });

  it('in the middle of delivery: every digest is delivered exactly once and none stays queued', async () => {
    const day = '2027-03-03';
    const { emails } = await population(40, '2027-03-10');
    // Before the scheduled time: the scan below is the only one that day.
    const { ctx } = await startWorker(at(day, '07:00'));
    smtp.delayMs = 100;
    const result = await ctx.get(ReminderScanService).run(day);
    expect(result.digests).toBe(40);
    const ids = await digestIds(day);
    await until('los primeros envíos', () => smtp.received.length >= 10, 60_000, 20);

    const { queuedAtLoss, back, requeuedMs } = await restartRedisEmpty(ids, 60_000, async () => {
      // The API keeps serving without Redis, and says so (finding 8).
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.status).toBe('degraded');
      await t.http.get('/health/redis').expect(503);
    });
    await until('todas las entregas', () => new Set(smtp.received.map((m) => m.notificationId)).size >= ids.length, 120_000, 20);
    const deliveredMs = Date.now() - back;
    await sleep(1500);
    await deliveredOnce(ids);
    expect(new Set(smtp.received.map((m) => m.to))).toEqual(new Set(emails));
    expect(queuedAtLoss).toBeGreaterThan(0);
    process.stdout.write(
      `\nR11: ${ids.length} resúmenes, ${queuedAtLoss} sin entregar cuando Redis perdió sus datos; de vuelta en la cola ${requeuedMs} ms después de que Redis volvió ` +
        `(cota: reconexión ≤ ${REDIS_RECONNECT_MAX_MS} ms + un ciclo de ${RELAY_INTERVAL_MS} ms), todos entregados una vez a los ${deliveredMs} ms (SMTP de 100 ms por mensaje, 2 a la vez).\n`,
    );
    await until('el escaneo diario de vuelta en Redis', async () => (await t.http.get('/health/redis')).status === 200, 30_000, 50);
  }, 300_000);

  // The interleaving behind the case above failing now and then under load (issue 11): the tick that finds the
  // witness key gone writes it back in the same command, but the hand-over that follows goes through other
  // connections, which reconnect on their own schedule and may not be back yet. That failure is injected here, on
  // the first hand-over after the loss, exactly as ioredis reports it; the worker must try again at the next tick,
  // not wait for the periodic sweep (10 minutes here).
  it('when the first hand-over after the loss fails (a connection not back yet): the next tick hands everything over', async () => {
    const day = '2027-03-10';
    const { emails } = await population(6, '2027-03-17');
    const { ctx, queues } = await startWorker(at(day, '07:00'));
    smtp.delayMs = 400;
    expect((await ctx.get(ReminderScanService).run(day)).digests).toBe(6);
    const ids = await digestIds(day);
    await until('el primer envío', () => Promise.resolve(smtp.received.some((m) => ids.includes(m.notificationId))), 60_000, 20);
    const addMails = jest.spyOn(queues, 'addMails').mockRejectedValueOnce(new Error("Stream isn't writeable and enableOfflineQueue options is false"));

    const { queuedAtLoss, requeuedMs } = await restartRedisEmpty(ids, 20_000);
    // The failed hand-over and the one that succeeded.
    expect(addMails.mock.calls.length).toBeGreaterThanOrEqual(2);
    await until('todas las entregas', () => Promise.resolve(ids.every((id) => smtp.received.some((m) => m.notificationId === id))), 60_000, 20);
    await sleep(1000);
    await deliveredOnce(ids);
    expect(new Set(smtp.received.filter((m) => ids.includes(m.notificationId)).map((m) => m.to))).toEqual(new Set(emails));
    expect(queuedAtLoss).toBeGreaterThan(0);
    process.stdout.write(
      `\nR11: con la primera entrega a la cola fallida, ${queuedAtLoss} resúmenes de vuelta en la cola ${requeuedMs} ms después de que Redis volvió.\n`,
    );
  }, 180_000);

  it('with the work handed to Redis before it lost it: a fresh worker delivers the queued digests and notices once', async () => {
    const day = '2027-04-07';
    await population(5, '2027-04-14');
    // A tools process (the API, a scan run elsewhere) hands the work to Redis while no worker runs.
    const tools = await NestFactory.createApplicationContext(toolsModule(t.config), { logger: false });
    let ids: string[];
    try {
      expect((await tools.get(ReminderScanService).run(day)).digests).toBe(5);
      ids = await digestIds(day);
      expect((await q(`SELECT count(*)::int AS n FROM notification_log WHERE id = ANY($1) AND enqueued_at IS NOT NULL`, [ids]))[0].n).toBe(5);
      await q(
        `INSERT INTO outbox (event_type, payload) VALUES ('corte.abierto', '{"label": "Marzo-2027", "corteId": "00000000-0000-4000-8000-000000000000"}')`,
      );
      await q(`UPDATE actions SET percent = 10 WHERE description = $1`, [`Acción ${seq}`]);
      expect((await tools.get(OutboxRelay).tick()).notices).toBe(1);
    } finally {
      await tools.close();
    }
    await redis.stop();
    await redis.start();

    await startWorker(at(day, '09:00'));
    const notices = async () =>
      (await q(`SELECT id, status FROM notification_log WHERE kind = 'aviso' AND event_type = 'corte.abierto'`)) as { id: string; status: string }[];
    await until(
      'los resúmenes y los avisos',
      async () => {
        const n = await notices();
        return n.length === 5 && [...ids, ...n.map((x) => x.id)].every((id) => smtp.received.some((m) => m.notificationId === id));
      },
      60_000,
      50,
    );
    await sleep(1000);
    await deliveredOnce([...ids, ...(await notices()).map((n) => n.id)]);
    expect((await q(`SELECT count(*)::int AS n FROM outbox WHERE handled_at IS NULL`))[0].n).toBe(0);
  }, 180_000);

  it('before the scheduled time: the schedule is registered again and the scan runs that day, once', async () => {
    const day = '2027-03-17';
    const { emails } = await population(3, '2027-03-24');
    const { clock, queues } = await startWorker(at(day, '07:50'));
    expect(await queues.dailyScanScheduled()).toBe(true);
    await redis.stop();
    await redis.start();
    const back = Date.now();
    await until('el escaneo diario programado de nuevo', () => queues.dailyScanScheduled().catch(() => false), 30_000, 20);
    const rescheduledMs = Date.now() - back;
    expect(await scanOf(day)).toEqual([]);

    // 08:00 comes: BullMQ fires the scheduled job (promoted here, as its delay runs on the real clock).
    clock.setNow(at(day, '08:00'));
    const delayed = await queues.queue(QUEUES.reminders).getDelayed();
    expect(delayed.map((j) => j.name)).toEqual([JOBS.dailyScan]);
    await delayed[0].promote();
    await until('el escaneo programado', async () => (await scanOf(day)).length === 1, 30_000, 50);
    // Later that day the worker checks whether the day had its scan: it had, nothing runs again.
    clock.setNow(at(day, '08:30'));
    await sleep(RELAY_INTERVAL_MS * 5);
    expect(await scanOf(day)).toEqual([{ runs: 1, first_trigger: 'programado', digests: 3 }]);
    await until('los tres resúmenes', () => emails.every((e) => smtp.received.some((m) => m.to === e && m.subject.endsWith('al 17/03/2027'))), 30_000, 50);
    await sleep(500);
    expect(smtp.received.filter((m) => emails.includes(m.to))).toHaveLength(3);
    process.stdout.write(`\nR11: el escaneo diario volvió a programarse ${rescheduledMs} ms después de que Redis volvió vacío.\n`);
  }, 180_000);

  it('with the schedule lost over the scheduled time: the worker runs the missed scan when it notices, once', async () => {
    const day = '2027-03-18';
    const { emails } = await population(3, '2027-03-25');
    const { clock, queues } = await startWorker(at(day, '07:58'));
    // Redis is down over 08:00, and comes back without its data.
    await redis.stop();
    clock.setNow(at(day, '08:04'));
    await sleep(RELAY_INTERVAL_MS * 5);
    expect(await scanOf(day)).toEqual([]);
    clock.setNow(at(day, '08:06'));
    // The scan runs without Redis: its digests wait in the delivery log.
    await until('el escaneo recuperado', async () => (await scanOf(day)).length === 1, 30_000, 50);
    await redis.start();
    await until('los tres resúmenes', () => emails.every((e) => smtp.received.some((m) => m.to === e && m.subject.endsWith('al 18/03/2027'))), 30_000, 50);
    // The schedule is back; if its job fired now for the same day (a late 08:00), it would find the day done.
    await until('el escaneo diario programado de nuevo', () => queues.dailyScanScheduled().catch(() => false), 30_000, 20);
    const [next] = await queues.queue(QUEUES.reminders).getDelayed();
    await next.promote();
    await until('el trabajo programado terminado', async () => (await queues.queue(QUEUES.reminders).getCompletedCount()) >= 1, 30_000, 50);
    await sleep(500);
    expect(await scanOf(day)).toEqual([{ runs: 1, first_trigger: 'recuperado', digests: 3 }]);
    expect(smtp.received.filter((m) => emails.includes(m.to))).toHaveLength(3);
  }, 180_000);
});
