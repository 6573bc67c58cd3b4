import type { AppConfig } from '../config/app-config';

/** Every queue and job of the system, named once. */
export const QUEUES = {
  /** The daily reminder scan (and "run now"). */
  reminders: 'recordatorios',
  /** Outbox events turned into notices for the people concerned. */
  notices: 'avisos',
  /** One job per e-mail message of the delivery log. */
  mail: 'correo',
  /** A closed cut's documents of record, produced and recorded (docs/decisions/0010). */
  documents: 'documentos',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  dailyScan: 'escaneo-diario',
  manualScan: 'escaneo-manual',
  notice: 'aviso',
  send: 'enviar',
  recordCut: 'registrar-documentos-corte',
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** What each job carries (the producers are in QueueService). */
export interface JobData {
  [JOBS.dailyScan]: Record<string, never>;
  [JOBS.manualScan]: { requestedBy: string | null; date?: string };
  [JOBS.notice]: { outboxId: number };
  [JOBS.send]: { notificationId: string };
  /** The cut closed, and the outbox event that said so (marked handled once the documents are recorded). */
  [JOBS.recordCut]: { corteId: string; outboxId: number };
}

/**
 * The jobs each queue runs and how many at once per worker process. The
 * worker refuses to start unless each of these jobs has exactly one handler
 * (JobHost, src/queue/job-host.ts).
 */
export const QUEUE_JOBS: { [Q in QueueName]: { jobs: readonly JobName[]; concurrency: (config: AppConfig) => number } } = {
  [QUEUES.reminders]: { jobs: [JOBS.dailyScan, JOBS.manualScan], concurrency: () => 1 },
  [QUEUES.notices]: { jobs: [JOBS.notice], concurrency: () => 2 },
  [QUEUES.mail]: { jobs: [JOBS.send], concurrency: (config) => config.get('MAIL_CONCURRENCY') },
  // Each recording produces every whole-institution document of a cut: CPU for minutes at the largest sizes.
  [QUEUES.documents]: { jobs: [JOBS.recordCut], concurrency: () => 1 },
};

/** The scheduler id: registering it again (any number of workers) replaces it, never duplicates it. */
export const DAILY_SCHEDULER_ID = 'recordatorios-diarios';

/**
 * Job ids are stable: the same message or event handed to the queue again
 * (by the relay, by the sweeper after Redis lost its data) is the same job,
 * and adding it while it exists adds nothing. `round` grows only when a
 * message is handed over anew after its job gave up or its sender died.
 */
export const jobIds = {
  mail: (notificationId: string, round: number) => `correo-${notificationId}-${round}`,
  notice: (outboxId: number | string) => `aviso-${outboxId}`,
  /** One per cut: a cut closes once. */
  recordCut: (corteId: string) => `documentos-${corteId}`,
};
