import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Metrics } from '../common/metrics/metrics.service';
import { AppConfig } from '../config/app-config';
import { JobHandler, QueuedJob, QueuedJobSpec, ScheduledJob, ScheduledJobSpec, ScheduledRun } from './jobs';
import { JobDeclarationError, JobDeclarationFault, QueueErrorCode } from './queue.errors';
import { JobName, QUEUE_JOBS, QueueName } from './queue.names';
import { settleWithin } from './queue.service';
import { reconnectDelay, REDIS_DISCONNECT_TIMEOUT_MS } from './redis-options';

/** Shutting down: how long in-flight jobs may finish before the queue connections are dropped. */
const GRACEFUL_CLOSE_MS = 4000;
const FORCED_CLOSE_MS = 2000;

/** A handler found at start-up, with the class that declared it (for the messages). */
export interface Declared<S> {
  spec: S;
  owner: string;
}

/**
 * Checks the declarations against the queues' catalog (QUEUE_JOBS): every
 * queued job exactly one handler, no handler of a job the catalog does not
 * name, no two scheduled jobs with one name. Returns every fault found.
 */
export function declarationFaults(
  catalog: { [Q in QueueName]: { jobs: readonly JobName[] } },
  queued: Declared<QueuedJobSpec>[],
  scheduled: Declared<ScheduledJobSpec>[],
): JobDeclarationFault[] {
  const faults: JobDeclarationFault[] = [];
  const key = (queue: string, name: string) => `${queue}/${name}`;
  const declared = new Set(Object.entries(catalog).flatMap(([queue, q]) => q.jobs.map((name) => key(queue, name))));
  for (const [queue, q] of Object.entries(catalog)) {
    for (const name of q.jobs) {
      const owners = queued.filter((h) => h.spec.queue === queue && h.spec.name === name).map((h) => h.owner);
      if (owners.length === 0) {
        faults.push({
          code: QueueErrorCode.JOB_WITHOUT_HANDLER,
          message: `El trabajo «${name}» de la cola «${queue}» no tiene manejador: declara una clase con @JobHandler({ queue: '${queue}', name: '${name}' }) entre los proveedores de WorkerModule.`,
        });
      } else if (owners.length > 1) {
        faults.push({
          code: QueueErrorCode.JOB_WITH_TWO_HANDLERS,
          message: `El trabajo «${name}» de la cola «${queue}» tiene ${owners.length} manejadores (${owners.join(', ')}): debe tener uno solo.`,
        });
      }
    }
  }
  for (const h of queued.filter((x) => !declared.has(key(x.spec.queue, x.spec.name)))) {
    faults.push({
      code: QueueErrorCode.JOB_NOT_DECLARED,
      message: `${h.owner} maneja el trabajo «${h.spec.name}» de la cola «${h.spec.queue}», que no está declarado en QUEUE_JOBS (src/queue/queue.names.ts).`,
    });
  }
  const names = new Map<string, string[]>();
  for (const s of scheduled) names.set(s.spec.name, [...(names.get(s.spec.name) ?? []), s.owner]);
  for (const [name, owners] of names) {
    if (owners.length > 1) {
      faults.push({
        code: QueueErrorCode.SCHEDULED_JOB_NAME_TAKEN,
        message: `El trabajo programado «${name}» está declarado ${owners.length} veces (${owners.join(', ')}): debe declararse una sola.`,
      });
    }
  }
  return faults;
}

/** The class that declared a job, as the messages name it. */
function ownerOf(w: InstanceWrapper): string {
  return w.metatype?.name ?? String(w.token);
}

interface Scheduled {
  spec: ScheduledJobSpec;
  job: ScheduledRun;
  /** The run in flight, if any: runs of one job never overlap. */
  running?: Promise<void>;
}

/**
 * Runs the worker process's jobs (docs/decisions/0048-jobs.md). At start-up
 * it finds the providers marked @JobHandler and @ScheduledJob and refuses to
 * start, naming each fault, if a queued job of QUEUE_JOBS has no handler or
 * two (or a handler names a job the catalog does not). Then it opens one
 * BullMQ worker per queue that dispatches by job name, runs each scheduled
 * job on its timer, and says the worker is ready. Shutting down is bounded in
 * every state: runs in flight get a few seconds, then the connections are
 * dropped (with Redis unreachable a graceful close never ends). Registered
 * only by the worker module; the API never runs jobs.
 */
@Injectable()
export class JobHost implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Worker');
  private readonly handlers = new Map<QueueName, Map<string, QueuedJob<JobName>>>();
  private readonly scheduled: Scheduled[] = [];
  private readonly workers: Worker[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private closing = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Before anything connects: a worker whose jobs are declared wrong does not start. */
  onModuleInit(): void {
    const queued = this.discovery
      .getProviders({ metadataKey: JobHandler.KEY })
      .map((w) => ({ w, spec: this.discovery.getMetadataByDecorator(JobHandler, w)! }));
    const scheduled = this.discovery
      .getProviders({ metadataKey: ScheduledJob.KEY })
      .map((w) => ({ w, spec: this.discovery.getMetadataByDecorator(ScheduledJob, w)! }));
    const faults = declarationFaults(
      QUEUE_JOBS,
      queued.map(({ w, spec }) => ({ spec, owner: ownerOf(w) })),
      scheduled.map(({ w, spec }) => ({ spec, owner: ownerOf(w) })),
    );
    if (faults.length > 0) throw new JobDeclarationError(faults);
    for (const { w, spec } of queued) {
      const byName = this.handlers.get(spec.queue) ?? new Map<string, QueuedJob<JobName>>();
      byName.set(spec.name, w.instance as QueuedJob<JobName>);
      this.handlers.set(spec.queue, byName);
    }
    for (const { w, spec } of scheduled) this.scheduled.push({ spec, job: w.instance as ScheduledRun });
  }

  async onApplicationBootstrap(): Promise<void> {
    const connection = {
      url: this.config.get('REDIS_URL'),
      maxRetriesPerRequest: null,
      retryStrategy: reconnectDelay,
      disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS,
    };
    const prefix = this.config.get('QUEUE_PREFIX');
    for (const [queue, byName] of this.handlers) {
      const w = new Worker(queue, (job: Job) => this.dispatch(queue, byName, job), {
        connection,
        prefix,
        concurrency: QUEUE_JOBS[queue].concurrency(this.config),
        lockDuration: 30_000,
        stalledInterval: 15_000,
      });
      w.on('error', (err) => this.logger.warn({ err: err.message, queue }, 'Error de la cola'));
      w.on('failed', (job, err) => {
        this.metrics.jobFailures.inc({ queue });
        this.logger.warn({ queue, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'Trabajo fallido');
      });
      this.workers.push(w);
    }
    // The first runs that must come before "ready" (the relay registers the schedule and hands over what waited in PostgreSQL).
    for (const s of this.scheduled.filter((x) => x.spec.firstRun === 'before-ready')) await this.runScheduled(s);
    for (const s of this.scheduled.filter((x) => x.spec.firstRun === 'after-ready')) void this.runScheduled(s);
    for (const s of this.scheduled) this.timers.push(setInterval(() => void this.runScheduled(s), s.spec.every(this.config)));
    this.logger.log('Worker listo: escaneo diario programado, relevo de avisos y envío de correo en marcha.');
  }

  private async dispatch(queue: QueueName, byName: Map<string, QueuedJob<JobName>>, job: Job): Promise<unknown> {
    const handler = byName.get(job.name);
    // A job of a name this release does not run (left in Redis by another one): failed, not retried.
    if (!handler) throw new UnrecoverableError(`La cola «${queue}» no tiene manejador para el trabajo «${job.name}».`);
    return handler.handle(job.data as never, job);
  }

  /** One run of a scheduled job, unless one is in flight or the worker is closing. */
  private runScheduled(s: Scheduled): Promise<void> {
    if (this.closing) return Promise.resolve();
    s.running ??= s.job
      .run()
      .catch((err: unknown) => this.logger.warn({ job: s.spec.name, err: (err as Error).message }, 'Trabajo programado fallido'))
      .finally(() => (s.running = undefined));
    return s.running;
  }

  /**
   * In-flight scheduled runs and jobs get a few seconds to finish, then the
   * connections are dropped. A message cut mid-send stays 'enviando' and is
   * sent again after MAIL_STUCK_AFTER_MS. Runs while the database is still open.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    const running = this.scheduled.flatMap((s) => (s.running ? [s.running] : []));
    if (running.length > 0) await settleWithin(GRACEFUL_CLOSE_MS, Promise.all(running));
    if (!(await settleWithin(GRACEFUL_CLOSE_MS, Promise.all(this.workers.map((w) => w.close()))))) {
      this.logger.warn('Los trabajos en curso no terminaron a tiempo (¿Redis no responde?); se cierran las conexiones.');
      await settleWithin(FORCED_CLOSE_MS, Promise.all(this.workers.map((w) => w.close(true))));
    }
  }
}
