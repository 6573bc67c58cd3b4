import { DomainError } from '../../../common/errors/domain-error';
import { EvidenceErrorCode } from '../evidence.errors';
import type { Readable, Writable } from 'node:stream';

/** An upload in progress: bytes go to `stream`; then `commit` (with the content's SHA-256) or `abort`. */
export interface StorageUpload {
  stream: Writable;
  /** Makes the object permanent and returns its key; `created` is false when identical content was already stored. */
  commit(sha256: string): Promise<{ key: string; created: boolean }>;
  /** Discards whatever was written; leaves nothing behind. */
  abort(): Promise<void>;
}

/**
 * Where evidence files live. Objects are never overwritten or deleted once
 * committed (withdrawing a file is recorded in the database, not done here).
 */
export interface EvidenceStorage {
  readonly backend: 'disk' | 's3';
  begin(): Promise<StorageUpload>;
  open(key: string): Promise<Readable>;
  /** Removes an object this very upload created when its database record could not be written. */
  discardNew(key: string): Promise<void>;
  /** Resolves if the storage can be reached and written (the directory, the bucket); rejects with the reason otherwise. */
  check(): Promise<void>;
}

export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');

export const STORAGE_UNAVAILABLE_MESSAGES = {
  upload:
    'El almacenamiento de evidencias no responde, así que el archivo no se guardó. Vuelve a intentarlo en unos minutos; si persiste, avisa al administrador del sistema.',
  download:
    'El almacenamiento de evidencias no responde, así que el archivo no se puede descargar por ahora. Vuelve a intentarlo en unos minutos; si persiste, avisa al administrador del sistema.',
  check:
    'El almacenamiento de evidencias (disco o S3) no responde: no se pueden cargar ni descargar archivos. Revisa el directorio STORAGE_DIR o el servicio S3.',
} as const;

/**
 * Evidence storage (the disk, the S3 service) failed: an outage of the server's
 * side, not the user's doing and not the database's, answered 503.
 */
export class StorageUnavailableError extends DomainError {
  /** An upload refused while its body may still be arriving: the answer also closes the connection. */
  readonly closeConnection: boolean;

  constructor(operation: keyof typeof STORAGE_UNAVAILABLE_MESSAGES, details: { field?: string; message: string }[] = []) {
    super(EvidenceErrorCode.StorageUnavailable, STORAGE_UNAVAILABLE_MESSAGES[operation], 'unavailable', details);
    this.closeConnection = operation === 'upload';
  }
}
