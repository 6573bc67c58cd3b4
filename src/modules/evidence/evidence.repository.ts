import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, select, selectOne } from '../../database/sql';
import type { AsmStatus } from '../asm/asm.types';
import type { EvidenceView } from '../progress/progress.rows';
import type { AvanceStatus } from '../progress/progress.types';

/** A stored file as the evidence routes return it, with the avance and action it belongs to. */
export interface EvidenceRow extends EvidenceView {
  avanceId: string | null;
  actionId: string | null;
}

/** What an upload checks before it reads the body: the avance's state, its corte's and its ASM's. */
export interface AvanceOfUpload {
  actionId: string;
  status: AvanceStatus;
  corteId: string;
}

export interface NewEvidence {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  displayName: string;
  storageBackend: string;
  storageKey: string;
  actionId: string;
  avanceId: string;
  uploadedBy: string | null;
  uploadedAt: Date;
}

/**
 * Evidence files (evidence_files), and what the evidence rules read of the avance, corte and ASM a
 * file is attached to.
 */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly ds: DataSource) {}

  find(id: string): Promise<EvidenceRow | undefined> {
    return selectOne<EvidenceRow>(
      this.ds,
      `SELECT id, version, display_name AS "displayName", mime_type AS "mimeType", size_bytes AS "sizeBytes", sha256,
              uploaded_at AS "uploadedAt", uploaded_by AS "uploadedBy", withdrawn_at AS "withdrawnAt", withdrawal_reason AS "withdrawalReason",
              avance_id AS "avanceId", action_id AS "actionId"
         FROM evidence_files WHERE id = $1`,
      [id],
    );
  }

  /** Where the file's bytes are kept. */
  storageOf(id: string): Promise<{ key: string; backend: string } | undefined> {
    return selectOne<{ key: string; backend: string }>(this.ds, `SELECT storage_key AS key, storage_backend AS backend FROM evidence_files WHERE id = $1`, [
      id,
    ]);
  }

  async insert(db: Db, file: NewEvidence): Promise<string> {
    const [row] = await select<{ id: string }>(
      db,
      `INSERT INTO evidence_files (sha256, size_bytes, mime_type, display_name, storage_backend, storage_key, action_id, avance_id, uploaded_by, uploaded_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
      [
        file.sha256,
        file.sizeBytes,
        file.mimeType,
        file.displayName,
        file.storageBackend,
        file.storageKey,
        file.actionId,
        file.avanceId,
        file.uploadedBy,
        file.uploadedAt,
      ],
    );
    return row.id;
  }

  /** Locks the file for a withdrawal: its version, whether it was withdrawn and its avance; undefined when it does not exist. */
  lock(db: Db, id: string): Promise<{ version: number; withdrawnAt: Date | null; avanceId: string | null } | undefined> {
    return selectOne<{ version: number; withdrawnAt: Date | null; avanceId: string | null }>(
      db,
      `SELECT version, withdrawn_at AS "withdrawnAt", avance_id AS "avanceId" FROM evidence_files WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  async withdraw(db: Db, id: string, withdrawal: { at: Date; by: string | null; reason: string }): Promise<void> {
    await execute(db, `UPDATE evidence_files SET withdrawn_at = $2, withdrawn_by = $3, withdrawal_reason = $4, version = version + 1 WHERE id = $1`, [
      id,
      withdrawal.at,
      withdrawal.by,
      withdrawal.reason,
    ]);
  }

  avance(id: string): Promise<AvanceOfUpload | undefined> {
    return selectOne<AvanceOfUpload>(this.ds, `SELECT action_id AS "actionId", status, corte_id AS "corteId" FROM avances WHERE id = $1`, [id]);
  }

  /** Locks the avance a file is added to or withdrawn from: its status (undefined: no avance). */
  async lockAvance(db: Db, id: string): Promise<AvanceStatus | undefined> {
    return (await selectOne<{ status: AvanceStatus }>(db, `SELECT status FROM avances WHERE id = $1 FOR UPDATE`, [id]))?.status;
  }

  corte(id: string): Promise<{ status: string; year: number; month: number } | undefined> {
    return selectOne<{ status: string; year: number; month: number }>(this.ds, `SELECT status, year, month FROM cortes WHERE id = $1`, [id]);
  }

  async asmStatus(id: string): Promise<AsmStatus | undefined> {
    return (await selectOne<{ status: AsmStatus }>(this.ds, `SELECT status FROM asms WHERE id = $1`, [id]))?.status;
  }
}
