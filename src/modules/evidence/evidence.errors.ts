import { DomainError, NotFoundError } from '../../common/errors/domain-error';

/**
 * Every code the evidence module throws of its own. An upload refused for the state of its avance,
 * corte or ASM carries the progress module's code instead (progress.errors.ts).
 */
export enum EvidenceErrorCode {
  EvidenceNotFound = 'EVIDENCE_NOT_FOUND',
  EvidenceWithdrawn = 'EVIDENCE_WITHDRAWN',
  MultipartRequired = 'MULTIPART_REQUIRED',
  MultipartInvalid = 'MULTIPART_INVALID',
  FileMissing = 'FILE_MISSING',
  FileNameInvalid = 'FILE_NAME_INVALID',
  EmptyFile = 'EMPTY_FILE',
  FileTooLarge = 'FILE_TOO_LARGE',
  FileTypeNotAllowed = 'FILE_TYPE_NOT_ALLOWED',
  TooManyUploads = 'TOO_MANY_UPLOADS',
  UploadAborted = 'UPLOAD_ABORTED',
  UploadFailed = 'UPLOAD_FAILED',
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
