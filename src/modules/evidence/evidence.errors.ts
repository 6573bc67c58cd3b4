import { DomainError, NotFoundError } from '../../common/errors/domain-error';

/**
 * Every code the evidence module throws of its own. A refused multipart upload answers UploadErrorCode
 * (common/errors); one refused for the state of its avance, corte or ASM, the progress module's code
 * (progress.errors.ts).
 */
export enum EvidenceErrorCode {
  /** 404: no evidence file has this id; check the id. */
  EvidenceNotFound = 'EVIDENCE_NOT_FOUND',
  /** 409: withdrawing an evidence file that was already withdrawn; nothing to do. */
  EvidenceWithdrawn = 'EVIDENCE_WITHDRAWN',
  /** 400: the file name holds a path (/ or \) or control characters; rename the file. */
  FileNameInvalid = 'FILE_NAME_INVALID',
  /** 400: the file has 0 bytes; attach the right document. */
  EmptyFile = 'EMPTY_FILE',
  /** 415: the file content is not an accepted type; attach an allowed document. */
  FileTypeNotAllowed = 'FILE_TYPE_NOT_ALLOWED',
  /** 429: the caller has too many uploads in progress; wait for them to finish. */
  TooManyUploads = 'TOO_MANY_UPLOADS',
  /** 400: the client closed the upload before it ended; retry. */
  UploadAborted = 'UPLOAD_ABORTED',
  /** 400: the upload broke off for another reason; retry. */
  UploadFailed = 'UPLOAD_FAILED',
  /** 503: the evidence storage does not answer (upload, download or health check); retry later. */
  StorageUnavailable = 'STORAGE_UNAVAILABLE',
}

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
