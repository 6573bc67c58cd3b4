/** Every queue and job of the system, named once. */
export const QUEUES = {
  /** The daily reminder scan (and "run now"). */
  reminders: 'recordatorios',
  /** Outbox events turned into notices for the people concerned. */
  notices: 'avisos',
  /** One job per e-mail message of the delivery log. */
  mail: 'correo',
} as const;

export const JOBS = {
  dailyScan: 'escaneo-diario',
  manualScan: 'escaneo-manual',
  notice: 'aviso',
  send: 'enviar',
} as const;

/** The scheduler id: registering it again (any number of workers) replaces it, never duplicates it. */
export const DAILY_SCHEDULER_ID = 'recordatorios-diarios';
