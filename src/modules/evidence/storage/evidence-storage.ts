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
}

export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');
