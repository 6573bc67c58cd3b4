import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, select, selectOne, selectPage } from '../../database/sql';
import { CorteStatus } from './reporting.types';

/** A cut as its routes show it (without the label, which the service derives). */
export interface CorteRow {
  id: string;
  version: number;
  /** Each institution runs its own cortes. */
  institutionId: string;
  year: number;
  month: number;
  cutoffDate: string;
  submissionDeadline: string;
  status: CorteStatus;
  openedAt: Date | null;
  closedAt: Date | null;
  snapshotRows: number | null;
}

/** A cut locked for a change of state. */
export interface LockedCorte {
  version: number;
  status: CorteStatus;
  year: number;
  month: number;
  cutoffDate: string;
  institutionId: string;
}

export interface CorteMonth {
  id: string;
  year: number;
  month: number;
}

/** A cut as an operator names it. */
export interface NamedCorte extends CorteMonth {
  status: CorteStatus;
  /** The institution's acronym. */
  institution: string;
}

/** What a cut's documents need of it: a closed cut's settings were frozen when it closed (null only before that existed). */
export interface DocumentCorte<Frozen> {
  id: string;
  institutionId: string;
  year: number;
  month: number;
  cutoffDate: string;
  status: CorteStatus;
  closedAt: Date | null;
  frozen: Frozen | null;
}

const VIEW_COLUMNS = `id, version, institution_id AS "institutionId", year, month, cutoff_date AS "cutoffDate", submission_deadline AS "submissionDeadline", status,
                      opened_at AS "openedAt", closed_at AS "closedAt", snapshot_rows AS "snapshotRows"`;

/** The cortes table: the reporting cuts of each institution. */
@Injectable()
export class CortesRepository {
  constructor(private readonly ds: DataSource) {}

  /** One page of cuts, newest first, with the total that matched. */
  page(f: {
    status: CorteStatus | null;
    institutionScope: string | null;
    institutionId: string | null;
    limit: number;
    offset: number;
  }): Promise<{ items: CorteRow[]; total: number }> {
    return selectPage<CorteRow>(
      this.ds,
      `SELECT ${VIEW_COLUMNS}, count(*) OVER () AS total
         FROM cortes
        WHERE ($1::text IS NULL OR status = $1) AND ($4::uuid IS NULL OR institution_id = $4) AND ($5::uuid IS NULL OR institution_id = $5)
        ORDER BY year DESC, month DESC, institution_id LIMIT $2 OFFSET $3`,
      [f.status, f.limit, f.offset, f.institutionScope, f.institutionId],
    );
  }

  find(id: string): Promise<CorteRow | undefined> {
    return selectOne<CorteRow>(this.ds, `SELECT ${VIEW_COLUMNS} FROM cortes WHERE id = $1`, [id]);
  }

  /** The cuts a reference names: its id, or its month (one cut per institution that has that month), with the institution's acronym. */
  named(ref: { id: string } | { year: number; month: number }): Promise<NamedCorte[]> {
    const [id, year, month] = 'id' in ref ? [ref.id, null, null] : [null, ref.year, ref.month];
    return select(
      this.ds,
      `SELECT c.id, c.year, c.month, c.status, i.acronym AS institution
         FROM cortes c JOIN institutions i ON i.id = c.institution_id
        WHERE c.id = $1::uuid OR (c.year = $2::int AND c.month = $3::int)
        ORDER BY i.acronym`,
      [id, year, month],
    );
  }

  /** Status and institution of a cut (for the read routes that need only these). */
  state(id: string): Promise<{ status: CorteStatus; institutionId: string } | undefined> {
    return selectOne(this.ds, `SELECT status, institution_id AS "institutionId" FROM cortes WHERE id = $1`, [id]);
  }

  forDocuments<Frozen>(id: string): Promise<DocumentCorte<Frozen> | undefined> {
    return selectOne<DocumentCorte<Frozen>>(
      this.ds,
      `SELECT id, institution_id AS "institutionId", year, month, cutoff_date::text AS "cutoffDate", status, closed_at AS "closedAt",
              document_settings AS "frozen" FROM cortes WHERE id = $1`,
      [id],
    );
  }

  /** The institution's open cut, if any. */
  open(institutionId: string, db: Db = this.ds): Promise<CorteMonth | undefined> {
    return selectOne<CorteMonth>(db, `SELECT id, year, month FROM cortes WHERE status = 'abierto' AND institution_id = $1`, [institutionId]);
  }

  latestClosed(db: Db, institutionId: string): Promise<{ year: number; month: number; cutoffDate: string } | undefined> {
    return selectOne(
      db,
      `SELECT year, month, cutoff_date::text AS "cutoffDate" FROM cortes WHERE institution_id = $1 AND status = 'cerrado' ORDER BY cutoff_date DESC LIMIT 1`,
      [institutionId],
    );
  }

  /** The institution given, or the default one (the system works for it). */
  async institutionOrDefault(db: Db, institutionId: string | null): Promise<string> {
    const row = await selectOne<{ institutionId: string }>(db, `SELECT COALESCE($1::uuid, default_institution_id()) AS "institutionId"`, [institutionId]);
    return row!.institutionId;
  }

  /** Serialises the cuts of one institution: its order checks and changes see the same closed cuts. */
  async lockInstitution(db: Db, institutionId: string): Promise<void> {
    await execute(db, `SELECT 1 FROM institutions WHERE id = $1 FOR UPDATE`, [institutionId]);
  }

  /** The same lock, reached from one of its cuts. */
  async lockInstitutionOf(db: Db, corteId: string): Promise<void> {
    await execute(db, `SELECT 1 FROM institutions i JOIN cortes c ON c.institution_id = i.id WHERE c.id = $1 FOR UPDATE OF i`, [corteId]);
  }

  async institutionOf(db: Db, corteId: string): Promise<string | undefined> {
    return (await selectOne<{ institutionId: string }>(db, `SELECT institution_id AS "institutionId" FROM cortes WHERE id = $1`, [corteId]))?.institutionId;
  }

  async exists(db: Db, institutionId: string, year: number, month: number): Promise<boolean> {
    return (await select(db, `SELECT 1 FROM cortes WHERE institution_id = $1 AND year = $2 AND month = $3`, [institutionId, year, month])).length > 0;
  }

  async insert(db: Db, c: { institutionId: string; year: number; month: number; cutoffDate: string; submissionDeadline: string }): Promise<string> {
    const row = await selectOne<{ id: string }>(
      db,
      `INSERT INTO cortes (institution_id, year, month, cutoff_date, submission_deadline) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [c.institutionId, c.year, c.month, c.cutoffDate, c.submissionDeadline],
    );
    return row!.id;
  }

  /** Locks the cut for a change of state (the caller compares the version). */
  lock(db: Db, id: string): Promise<LockedCorte | undefined> {
    return selectOne<LockedCorte>(
      db,
      `SELECT version, status, year, month, cutoff_date::text AS "cutoffDate", institution_id AS "institutionId" FROM cortes WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  async markOpen(db: Db, id: string, openedAt: Date): Promise<void> {
    await execute(db, `UPDATE cortes SET status = 'abierto', opened_at = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, openedAt]);
  }

  /** Closes the cut (closed_at to the second: the date its documents print) with its snapshot's size and frozen document settings. */
  async markClosed(db: Db, id: string, c: { closedAt: Date; closedBy: string | null; snapshotRows: number; documentSettings: object }): Promise<void> {
    await execute(
      db,
      `UPDATE cortes SET status = 'cerrado', closed_at = date_trunc('second', $2::timestamptz), closed_by = $3, snapshot_rows = $4,
              document_settings = $5, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, c.closedAt, c.closedBy, c.snapshotRows, c.documentSettings],
    );
  }

  /** Freezes the document settings of a cut closed before they were frozen at close. */
  async freezeDocumentSettings(id: string, documentSettings: object): Promise<void> {
    await execute(this.ds, `UPDATE cortes SET document_settings = $2 WHERE id = $1 AND document_settings IS NULL`, [id, documentSettings]);
  }

  /** Avances sent for this cut and not yet reviewed. */
  async pendingReviews(db: Db, id: string): Promise<number> {
    const row = await selectOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM avances WHERE corte_id = $1 AND status = 'enviado'`, [id]);
    return row!.n;
  }

  /** Cycle labels, newest first: the sections of a cut's documents. */
  async cycleLabels(db: Db = this.ds): Promise<string[]> {
    return (await select<{ label: string }>(db, `SELECT label FROM cycles ORDER BY start_year DESC`)).map((c) => c.label);
  }
}
