/** Every queue and job of the system, named once. */
export const QUEUES = {
  /** The daily reminder scan (and "run now"). */
  reminders: 'recordatorios',
  /** Outbox events turned into notices for the people concerned. */
  notices: 'avisos',
  /** One job per e-mail message of the delivery log. */
  mail: 'correo',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  dailyScan: 'escaneo-diario',
  manualScan: 'escaneo-manual',
  notice: 'aviso',
  send: 'enviar',
} as const;

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
};
