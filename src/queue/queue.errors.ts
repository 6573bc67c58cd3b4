export enum QueueErrorCode {
  /** Start-up fault (never an HTTP answer): a declared job has no handler. */
  JOB_WITHOUT_HANDLER = 'JOB_WITHOUT_HANDLER',
  /** Start-up fault (never an HTTP answer): a job has two handlers. */
  JOB_WITH_TWO_HANDLERS = 'JOB_WITH_TWO_HANDLERS',
  /** Start-up fault (never an HTTP answer): a handler serves a job that is not declared. */
  JOB_NOT_DECLARED = 'JOB_NOT_DECLARED',
  /** Start-up fault (never an HTTP answer): two scheduled jobs share a name. */
  SCHEDULED_JOB_NAME_TAKEN = 'SCHEDULED_JOB_NAME_TAKEN',
}

/** One fault of the job declarations, found at start-up. */
export interface JobDeclarationFault {
  code: QueueErrorCode;
  message: string;
}

/**
 * The worker's jobs are not declared right (a job without a handler, one with
 * two, a handler of an undeclared job): the worker does not start. Like a
 * configuration error, it stops the process before it serves anything and
 * never reaches a user, so it is not a DomainError.
 */
export class JobDeclarationError extends Error {
  constructor(readonly faults: JobDeclarationFault[]) {
    super(`El worker no arranca: sus trabajos están mal declarados.\n${faults.map((f) => `- ${f.message}`).join('\n')}`);
    this.name = 'JobDeclarationError';
  }
}
