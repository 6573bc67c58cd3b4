import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { QUEUES } from '../../queue/queue.names';
import { QueueService } from '../../queue/queue.service';
import { MetricsRepository } from './metrics.repository';

/** How long one scrape waits for PostgreSQL or Redis before leaving their figures out. */
const SCRAPE_WAIT_MS = 1500;
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const MAIL_STATES = ['en_cola', 'enviando', 'enviado', 'fallido_temporal', 'fallido_permanente'] as const;

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`sin respuesta en ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

let processRegistry: Registry | undefined;

/**
 * CPU, memory, event-loop lag and GC of the process: one set per process,
 * whatever the number of applications in it (each set observes GC for ever).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'asm_' });
  }
  return processRegistry;
}

/**
 * The process's Prometheus metrics (docs/monitoring.md lists them). One
 * registry per application, not prom-client's global one, so that several
 * applications in one process (the tests) keep their own counts.
 *
 * Counters and histograms move where the work happens; the figures kept in
 * PostgreSQL or Redis (outbox, delivery log, queues, last scan) are read when
 * Prometheus scrapes, bounded in time: a scrape while PostgreSQL or Redis is
 * away leaves those out (and says so in asm_dependency_up) instead of hanging.
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger('Métricas');
  readonly registry = new Registry();

  readonly httpDuration = this.histogram(
    'asm_http_request_duration_seconds',
    'Duración de las solicitudes HTTP, por método, plantilla de ruta y estado.',
    ['method', 'route', 'status'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );

  readonly reminderScanDuration = this.histogram(
    'asm_reminder_scan_duration_seconds',
    'Duración de los escaneos de recordatorios que se ejecutaron, por disparador.',
    ['trigger'],
    [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  );

  readonly reminderDigests = this.counter('asm_reminder_digests_total', 'Resúmenes de recordatorios creados por los escaneos.');

  readonly reminderItems = this.counter('asm_reminder_items_total', 'Pendientes incluidos en los resúmenes de recordatorios.');

  readonly documentsGenerated = this.counter('asm_documents_generated_total', 'Documentos oficiales producidos, por tipo y formato.', ['kind', 'format']);

  readonly imports = this.counter('asm_imports_total', 'Importaciones, por fuente y resultado (aplicada, simulada, rechazada, fallida).', ['source', 'result']);

  readonly storageErrors = this.counter('asm_evidence_storage_errors_total', 'Fallas del almacenamiento de evidencias, por operación.', ['operation']);

  readonly mailsSent = this.counter('asm_mail_attempts_total', 'Intentos de envío de correo de este proceso, por resultado.', ['outcome']);

  readonly jobFailures = this.counter('asm_queue_job_failures_total', 'Trabajos de la cola que fallaron en este proceso (cada intento fallido), por cola.', [
    'queue',
  ]);

  private readonly dependencyUp = this.gauge(
    'asm_dependency_up',
    '1 si la dependencia (database, redis, storage) respondió en esta lectura de métricas; 0 si no (sus cifras faltan).',
    ['dependency'],
  );

  /** Checks of other dependencies, registered by the modules that own them (evidence storage). */
  private readonly probes = new Map<string, () => Promise<void>>();

  private readonly outboxPending = this.gauge('asm_outbox_pending_events', 'Eventos de la bandeja de salida aún no convertidos en avisos.');

  private readonly outboxOldest = this.gauge(
    'asm_outbox_oldest_pending_age_seconds',
    'Antigüedad del evento pendiente más viejo de la bandeja de salida (0 si no hay).',
  );

  private readonly mails = this.gauge('asm_mails', 'Correos del registro de envíos, por estado.', ['state']);

  private readonly lastScan = this.gauge(
    'asm_reminder_last_scan_timestamp_seconds',
    'Cuándo terminó el último escaneo de recordatorios registrado (segundos Unix; 0 si nunca).',
  );

  private readonly jobs = this.gauge('asm_queue_jobs', 'Trabajos en Redis, por cola y estado.', ['queue', 'state']);

  constructor(
    private readonly figures: MetricsRepository,
    private readonly queues: QueueService,
  ) {
    const pool = () => figures.pool();
    new Gauge({
      name: 'asm_db_pool_connections',
      help: 'Conexiones del pool de PostgreSQL de este proceso: total, libres y solicitudes esperando una.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    new Gauge({
      name: 'asm_db_pool_max',
      help: 'Tamaño máximo del pool de PostgreSQL de este proceso (DATABASE_POOL_SIZE).',
      registers: [this.registry],
      collect() {
        const max = (pool() as { options?: { max?: number } } | undefined)?.options?.max;
        if (max !== undefined) this.set(max);
      },
    });
  }

  /** Reads the figures kept in PostgreSQL and Redis, once per scrape. */
  private async readSources(): Promise<void> {
    await Promise.all([
      this.fromSource('database', [this.outboxPending, this.outboxOldest, this.mails, this.lastScan], async () => {
        const o = await this.figures.outboxBacklog();
        this.outboxPending.set(o.n);
        this.outboxOldest.set(o.age);
        const byState = await this.figures.mailsByState();
        for (const state of MAIL_STATES) this.mails.set({ state }, byState.find((r) => r.status === state)?.n ?? 0);
        this.lastScan.set(await this.figures.lastScanFinishedAt());
      }),
      this.fromSource('redis', [this.jobs], async () => {
        for (const name of Object.values(QUEUES)) {
          const counts = await this.queues.queue(name).getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.jobs.set({ queue: name, state }, counts[state] ?? 0);
        }
      }),
      ...[...this.probes].map(([name, probe]) => this.fromSource(name, [], probe)),
    ]);
  }

  /** A source that does not answer in time: its gauges are left out of this scrape rather than shown stale. */
  private async fromSource(dependency: string, gauges: Gauge[], read: () => Promise<void>): Promise<void> {
    try {
      await within(SCRAPE_WAIT_MS, read());
      this.dependencyUp.set({ dependency }, 1);
    } catch (err) {
      this.dependencyUp.set({ dependency }, 0);
      for (const g of gauges) g.reset();
      this.logger.warn(
        { dependency, err: err instanceof Error ? err.message : String(err) },
        'Métricas: una dependencia no respondió; sus cifras faltan en esta lectura',
      );
    }
  }

  /** A dependency checked at every scrape and reported in asm_dependency_up. */
  probe(dependency: string, check: () => Promise<void>): void {
    this.probes.set(dependency, check);
  }

  /** The exposition text Prometheus reads. */
  async render(): Promise<string> {
    await this.readSources();
    return (await processMetrics().metrics()) + (await this.registry.metrics());
  }

  // The metrics of this application's registry.
  private counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}
