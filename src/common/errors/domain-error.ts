import { CommonErrorCode, UploadErrorCode } from './error-codes';

/** The codes shared by every module and by uploads (catalogued in error-codes.ts), for the errors below. */
export { CommonErrorCode, UploadErrorCode };

/**
 * A failure of a business rule or of the caller's input, raised by services
 * (in the API or in the worker). One exception filter maps it to HTTP; the
 * worker logs it. `message` is Spanish and tells the user what to do next.
 */
export interface ErrorDetail {
  field?: string;
  message: string;
  [extra: string]: unknown;
}

export type ErrorKind =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410
  | 'too_large' // 413
  | 'unsupported' // 415
  | 'unprocessable' // 422
  | 'too_many' // 429
  | 'unavailable'; // 503

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * An upload refused while its body may still be arriving (evidence files, imports): the exception
 * filter also closes the connection, so the client stops sending the rest of the body.
 */
export class UploadRefusedError extends DomainError {
  readonly closeConnection = true;
}

export class ValidationFailedError extends DomainError {
  constructor(details: ErrorDetail[], message = 'Los datos enviados no son válidos; corrige los campos señalados y vuelve a intentarlo.') {
    super(CommonErrorCode.ValidationFailed, message, 'validation', details);
  }
}

export class NotFoundError extends DomainError {
  constructor(entityLabel: string, code: string, id?: string) {
    super(code, `No existe ${entityLabel}${id ? ` con el identificador ${id}` : ''}; verifica el identificador o consulta el listado.`, 'not_found');
  }
}

/** A referenced record in the body (e.g. an área id) does not exist. */
export class ReferenceNotFoundError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super(CommonErrorCode.ReferenceNotFound, 'Uno o más registros referidos no existen; revisa los identificadores señalados.', 'unprocessable', details);
  }
}

export class VersionConflictError extends DomainError {
  constructor(entityLabel: string, currentVersion?: number) {
    super(
      CommonErrorCode.VersionConflict,
      `Otra persona modificó ${entityLabel} mientras lo editabas; vuelve a consultarlo y aplica tus cambios sobre la versión actual.`,
      'conflict',
      currentVersion === undefined ? [] : [{ field: 'version', message: 'La versión enviada ya no es la vigente.', currentVersion }],
    );
  }
}

export class DuplicateError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(CommonErrorCode.Duplicate, message, 'conflict', details);
  }
}

/**
 * Optimistic versioning: `found` is the version of the locked row (undefined: there is no row),
 * `expected` the one the caller read. A stale version gets 409 and the caller writes nothing.
 */
export function assertVersion(found: number | undefined, expected: number, entityLabel: string, notFoundCode: string, id: string): void {
  if (found === undefined) throw new NotFoundError(entityLabel, notFoundCode, id);
  if (found !== expected) throw new VersionConflictError(entityLabel, found);
}
