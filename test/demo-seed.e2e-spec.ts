import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../src/config/app-config';
import { seedDemo } from '../src/demo/seed';
import { DEMO_PASSWORD } from '../src/demo/seed-data';
import { WorkerModule } from '../src/worker.module';
import { toolsModule } from '../src/core.module';
import { DAILY_SCHEDULER_ID, QUEUES } from '../src/queue/queue.names';
import { QueueService } from '../src/queue/queue.service';
import { appForTests } from './support/app';

describe('demo data and the worker process', () => {
  const t = appForTests();

  it('boots the worker process on the same configuration (connects to Redis, schedules the daily scan)', async () => {
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
    await worker.init();
    const schedulers = await worker.get(QueueService).queue(QUEUES.reminders).getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([[DAILY_SCHEDULER_ID, '0 8 * * *', 'America/Mexico_City']]);
    await worker.close();
  });

  it('loads the reference sample once', async () => {
    const ctx = await NestFactory.createApplicationContext(toolsModule(t.config), { logger: false });
    try {
      expect(await seedDemo(ctx)).toBe(true);
      expect(await seedDemo(ctx)).toBe(false);
    } finally {
      await ctx.close();
    }
    // Every demo user can sign in with the README's password; consulta reads everything.
    for (const email of ['admin', 'evaluacion', 'coordinador', 'responsable', 'consulta']) {
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: `${email}@demo.gob.mx`, password: DEMO_PASSWORD })
        .expect(200);
    }
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'consulta@demo.gob.mx', password: DEMO_PASSWORD }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const res = await t.http.get('/api/v1/asms?pageSize=100').set(auth).expect(200);
    expect(res.body.total).toBe(8);
    expect(res.body.items.map((a: { promedioText: string }) => a.promedioText)).toEqual([
      '98.00%',
      '100.00%',
      '100.00%',
      '100.00%',
      '100.00%',
      '33.00%',
      '45.00%',
      '36.00%',
    ]);
    expect(res.body.items.map((a: { cycle: { label: string } }) => a.cycle.label)).toEqual([
      '2021-2022',
      '2021-2022',
      '2021-2022',
      '2020-2021',
      '2020-2021',
      '2019-2020',
      '2019-2020',
      '2018-2019',
    ]);
    expect(res.body.items[0].program).toMatchObject({ key: 'S-038', name: 'Programa IMSS-BIENESTAR' });
    const cycles = await t.http.get('/api/v1/cycles').set(auth).expect(200);
    expect(cycles.body).toHaveLength(12);
    // The September 2022 cut is closed with the sample's 8 rows frozen.
    const cortes = await t.http.get('/api/v1/cortes').set(auth).expect(200);
    // The September 2022 cut of the sample, closed, and the next one open for the demo users to report in.
    expect(cortes.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'Septiembre-2022', status: 'cerrado', snapshotRows: 8, submissionDeadline: '2022-10-14' }),
        expect.objectContaining({ label: 'Marzo-2023', status: 'abierto' }),
      ]),
    );
    expect(cortes.body.items).toHaveLength(2);
    const sept = cortes.body.items.find((c: { label: string }) => c.label === 'Septiembre-2022');
    const snapshot = await t.http.get(`/api/v1/cortes/${sept.id}/snapshot`).set(auth).expect(200);
    expect(snapshot.body.items.map((r: { promedio: string }) => r.promedio)).toEqual([
      '98.00',
      '100.00',
      '100.00',
      '100.00',
      '100.00',
      '33.00',
      '45.00',
      '36.00',
    ]);
  });

  it('refuses to boot with a bad variable and names it', () => {
    expect(() => new AppConfig({ DATABASE_URL: 'postgres://x@y/z', REDIS_URL: 'http://nope' })).toThrow(/REDIS_URL: debe empezar con redis:\/\//);
  });
});
