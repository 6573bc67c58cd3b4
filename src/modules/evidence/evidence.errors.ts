import { DomainError, NotFoundError } from '../../common/errors/domain-error';
import { EvidenceErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { EvidenceErrorCode };

export class EvidenceNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('la evidencia', EvidenceErrorCode.EvidenceNotFound, id);
  }
}

export class EvidenceWithdrawnError extends DomainError {
  constructor() {
    super(EvidenceErrorCode.EvidenceWithdrawn, 'La evidencia ya estaba retirada.', 'conflict');
  }
}
