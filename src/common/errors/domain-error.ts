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

/** The codes every module shares; each module's own are in its `<module>.errors.ts`. */
export enum CommonErrorCode {
  /** 400: the body, query or path fails validation; `details` name each field to correct. */
  ValidationFailed = 'VALIDATION_FAILED',
  /** 422: a record the body refers to (by id) does not exist or is still in use; check the ids in `details`. */
  ReferenceNotFound = 'REFERENCE_NOT_FOUND',
  /** 409: someone else saved the record after it was read; re-read it and apply the change on the current version. */
  VersionConflict = 'VERSION_CONFLICT',
  /** 409: a record with the same key already exists; use the existing one or change the repeated value. */
  Duplicate = 'DUPLICATE',
}

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

/** The codes of a refused multipart upload, shared by evidence files and imports. */
export enum UploadErrorCode {
  /** 415: the request is not multipart/form-data; send the file in the "file" field. */
  MultipartRequired = 'MULTIPART_REQUIRED',
  /** 400: the multipart body cannot be parsed; send the file in the "file" field. */
  MultipartInvalid = 'MULTIPART_INVALID',
  /** 400: the multipart body carries no file; send it in the "file" field. */
  FileMissing = 'FILE_MISSING',
  /** 413: the file exceeds the size limit of its route (evidence or import); reduce or split it. */
  FileTooLarge = 'FILE_TOO_LARGE',
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
