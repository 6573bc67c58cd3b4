import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Metrics } from '../common/metrics/metrics.service';
import { AppConfig } from '../config/app-config';
import { WORKER_JOBS } from '../worker.module';
import { declarationFaults, JobHost } from './job-host';
import { JobHandler, QueuedJobSpec, ScheduledJob, ScheduledJobSpec } from './jobs';
import { JobDeclarationError, QueueErrorCode } from './queue.errors';
import { JOBS, QUEUE_JOBS, QUEUES } from './queue.names';

@JobHandler({ queue: QUEUES.mail, name: JOBS.send })
@Injectable()
class SendA {
  handle(): Promise<void> {
    return Promise.resolve();
  }
}

@JobHandler({ queue: QUEUES.mail, name: JOBS.send })
@Injectable()
class SendB {
  handle(): Promise<void> {
    return Promise.resolve();
  }
}

/** Boots a context holding JobHost and `jobs` (nothing connects: the check runs first). */
async function boot(jobs: (new (...args: never[]) => object)[]): Promise<unknown> {
  @Module({ imports: [DiscoveryModule], providers: [JobHost, ...jobs, { provide: AppConfig, useValue: {} }, { provide: Metrics, useValue: {} }] })
  class HostModule {}
  try {
    const ctx = await NestFactory.createApplicationContext(HostModule, { logger: false, abortOnError: false });
    await ctx.close();
    return undefined;
  } catch (err) {
    return err;
  }
}

describe('JobHost: the worker does not start with its jobs declared wrong', () => {
  it('refuses a queued job that has no handler, naming it', async () => {
    const err = await boot([SendA]);
    expect(err).toBeInstanceOf(JobDeclarationError);
    const faults = (err as JobDeclarationError).faults;
    expect(faults.map((f) => f.code)).toEqual([
      QueueErrorCode.JOB_WITHOUT_HANDLER,
      QueueErrorCode.JOB_WITHOUT_HANDLER,
      QueueErrorCode.JOB_WITHOUT_HANDLER,
      QueueErrorCode.JOB_WITHOUT_HANDLER,
    ]);
    expect((err as Error).message).toContain(`El trabajo «${JOBS.dailyScan}» de la cola «${QUEUES.reminders}» no tiene manejador`);
    expect((err as Error).message).toContain(`«${JOBS.notice}»`);
  });

  it('refuses a queued job that has two handlers, naming both', async () => {
    const err = await boot([SendA, SendB]);
    expect(err).toBeInstanceOf(JobDeclarationError);
    const two = (err as JobDeclarationError).faults.filter((f) => f.code === QueueErrorCode.JOB_WITH_TWO_HANDLERS);
    expect(two).toHaveLength(1);
    expect(two[0].message).toBe(`El trabajo «${JOBS.send}» de la cola «${QUEUES.mail}» tiene 2 manejadores (SendA, SendB): debe tener uno solo.`);
  });

  it('refuses a handler of a job the catalog does not name, and two scheduled jobs with one name', () => {
    const queued: { spec: QueuedJobSpec; owner: string }[] = Object.entries(QUEUE_JOBS).flatMap(([queue, q]) =>
      q.jobs.map((name) => ({ spec: { queue, name } as QueuedJobSpec, owner: `H-${name}` })),
    );
    const stray = { spec: { queue: QUEUES.notices, name: JOBS.send }, owner: 'Stray' };
    const tick: ScheduledJobSpec = { name: 'relevo', every: () => 1000, firstRun: 'before-ready' };
    const faults = declarationFaults(
      QUEUE_JOBS,
      [...queued, stray],
      [
        { spec: tick, owner: 'A' },
        { spec: tick, owner: 'B' },
      ],
    );
    expect(faults.map((f) => f.code)).toEqual([QueueErrorCode.JOB_NOT_DECLARED, QueueErrorCode.SCHEDULED_JOB_NAME_TAKEN]);
    expect(faults[0].message).toContain(`Stray maneja el trabajo «${JOBS.send}» de la cola «${QUEUES.notices}»`);
  });

  it("the worker's own jobs: every queued job exactly one handler", () => {
    const spec = <S>(key: string, cls: object): S | undefined => Reflect.getMetadata(key, cls) as S | undefined;
    const queued = WORKER_JOBS.flatMap((cls) => {
      const s = spec<QueuedJobSpec>(JobHandler.KEY, cls);
      return s ? [{ spec: s, owner: cls.name }] : [];
    });
    const scheduled = WORKER_JOBS.flatMap((cls) => {
      const s = spec<ScheduledJobSpec>(ScheduledJob.KEY, cls);
      return s ? [{ spec: s, owner: cls.name }] : [];
    });
    expect(declarationFaults(QUEUE_JOBS, queued, scheduled)).toEqual([]);
    expect(queued.map((q) => q.owner)).toEqual(['DailyScanJob', 'ManualScanJob', 'NoticeJob', 'MailDeliveryJob', 'RecordCutDocumentsJob']);
    expect(scheduled.map((s) => s.spec.name).sort()).toEqual(['ancla-diaria', 'escaneo-pendiente', 'relevo']);
  });
});
