import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, selectOne } from '../../../database/sql';

/** What corte_documents holds of a closed cut's document: its bytes' hash and size, and the writer version that produced them. */
export interface DocumentRecord {
  id: string;
  sha256: string;
  sizeBytes: number;
  writerVersion: number;
}

export interface Production {
  corteId: string;
  kind: string;
  format: string;
  programId: string | null;
  sha256: string;
  sizeBytes: number;
  writerVersion: number;
}

/** A cycle as its commitment documents need it. */
export interface DocumentCycle {
  id: string;
  label: string;
  startYear: number;
  /** The last change to the institution's commitments in the cycle (or the cycle's creation): the document's date. */
  changedAt: Date;
}

/** corte_documents and corte_document_revisions (the record of closed cuts' documents), and the small reads documents need. */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The record of a closed cut's document (program null: the institution's complete one). */
  find(corteId: string, kind: string, format: string, programId: string | null): Promise<DocumentRecord | undefined> {
    return selectOne<DocumentRecord>(
      this.ds,
      `SELECT id, sha256, size_bytes AS "sizeBytes", writer_version AS "writerVersion" FROM corte_documents
        WHERE corte_id = $1 AND kind = $2 AND format = $3 AND program_id IS NOT DISTINCT FROM $4::uuid`,
      [corteId, kind, format, programId],
    );
  }

  /** Records a production of a document (the first one records its bytes; later ones count) and returns the record as it stands. */
  async recordProduction(p: Production, db: Db = this.ds): Promise<DocumentRecord> {
    const row = await selectOne<DocumentRecord>(
      db,
      `INSERT INTO corte_documents (corte_id, kind, format, program_id, sha256, size_bytes, writer_version) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (corte_id, kind, format, COALESCE(program_id, '00000000-0000-0000-0000-000000000000'::uuid))
       DO UPDATE SET last_generated_at = now(), times_generated = corte_documents.times_generated + 1
       RETURNING id, sha256, size_bytes AS "sizeBytes", writer_version AS "writerVersion"`,
      [p.corteId, p.kind, p.format, p.programId, p.sha256, p.sizeBytes, p.writerVersion],
    );
    return row!;
  }

  /**
   * Moves the record to new bytes from a newer writer, keeping the previous ones as a revision with the reason. One
   * statement: of two productions at once, only one moves the record and writes the revision.
   */
  async revise(previous: DocumentRecord, next: { sha256: string; sizeBytes: number; writerVersion: number }, reason: string, db: Db = this.ds): Promise<void> {
    await execute(
      db,
      `WITH moved AS (
         UPDATE corte_documents SET sha256 = $2, size_bytes = $3, writer_version = $4 WHERE id = $1 AND sha256 = $5 AND writer_version = $7 RETURNING id)
       INSERT INTO corte_document_revisions (corte_document_id, previous_sha256, previous_size_bytes, previous_writer_version, sha256, size_bytes, writer_version, reason)
       SELECT id, $5, $6, $7, $2, $3, $4, $8 FROM moved`,
      [previous.id, next.sha256, next.sizeBytes, next.writerVersion, previous.sha256, previous.sizeBytes, previous.writerVersion, reason],
    );
  }

  /** The same bytes from a newer writer: the record now states its version. */
  async raiseWriterVersion(id: string, writerVersion: number, db: Db = this.ds): Promise<void> {
    await execute(db, `UPDATE corte_documents SET writer_version = $2 WHERE id = $1 AND writer_version < $2`, [id, writerVersion]);
  }

  /** The institution named, else the actor's, else the default one; undefined when the one named does not exist. */
  async institution(named: string | null, actorInstitutionId: string | null): Promise<string | undefined> {
    const row = await selectOne<{ id: string }>(this.ds, `SELECT id FROM institutions WHERE id = COALESCE($1::uuid, $2::uuid, default_institution_id())`, [
      named,
      actorInstitutionId,
    ]);
    return row?.id;
  }

  async institutionAcronym(id: string): Promise<string | undefined> {
    return (await selectOne<{ acronym: string }>(this.ds, `SELECT acronym FROM institutions WHERE id = $1`, [id]))?.acronym;
  }

  /** A program of the institution (null: any), with the key its documents print. */
  program(id: string, institutionId: string | null): Promise<{ id: string; key: string } | undefined> {
    return selectOne(
      this.ds,
      `SELECT id, concat_ws('-', NULLIF(modality, ''), code) AS key FROM programs WHERE id = $1 AND ($2::uuid IS NULL OR institution_id = $2)`,
      [id, institutionId],
    );
  }

  /** The cycle, with the date of the last change to the institution's commitments in it (docs/decisions/0036). */
  cycle(cycleId: string, institutionId: string): Promise<DocumentCycle | undefined> {
    return selectOne<DocumentCycle>(
      this.ds,
      `SELECT c.id, c.label, c.start_year AS "startYear",
              greatest(c.created_at, (SELECT max(greatest(a.updated_at, x.updated_at))
                                        FROM asms a LEFT JOIN actions x ON x.asm_id = a.id
                                       WHERE a.cycle_id = c.id
                                         AND EXISTS (SELECT 1 FROM programs ip WHERE ip.id = a.program_id AND ip.institution_id = $2::uuid))) AS "changedAt"
         FROM cycles c WHERE c.id = $1`,
      [cycleId, institutionId],
    );
  }
}
