import { QueueErrorCode } from '../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { QueueErrorCode };

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
