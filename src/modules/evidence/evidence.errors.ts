import { DomainError, NotFoundError } from '../../common/errors/domain-error';

/**
 * Every code the evidence module throws of its own. An upload refused for the state of its avance,
 * corte or ASM carries the progress module's code instead (progress.errors.ts).
 */
export enum EvidenceErrorCode {
  /** 404: no evidence file has this id; check the id. */
  EvidenceNotFound = 'EVIDENCE_NOT_FOUND',
  /** 409: withdrawing an evidence file that was already withdrawn; nothing to do. */
  EvidenceWithdrawn = 'EVIDENCE_WITHDRAWN',
  /** 415: an upload not sent as multipart/form-data; send the file in the "file" field. */
  MultipartRequired = 'MULTIPART_REQUIRED',
  /** 400: the multipart body cannot be parsed; send the file in the "file" field. */
  MultipartInvalid = 'MULTIPART_INVALID',
  /** 400: the multipart body carries no file; send it in the "file" field. */
  FileMissing = 'FILE_MISSING',
  /** 400: the file name holds a path (/ or \) or control characters; rename the file. */
  FileNameInvalid = 'FILE_NAME_INVALID',
  /** 400: the file has 0 bytes; attach the right document. */
  EmptyFile = 'EMPTY_FILE',
  /** 413: the file exceeds the upload limit; reduce or split it. */
  FileTooLarge = 'FILE_TOO_LARGE',
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
