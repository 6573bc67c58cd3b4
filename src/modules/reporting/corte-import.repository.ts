import { Injectable } from '@nestjs/common';
import { Db, insertMissing, select } from '../../database/sql';

/** A historical cut an import names (the month an ASM reached 100 %), with its dates (corte-deadline.ts). */
export interface HistoricalCorte {
  institutionId: string;
  year: number;
  month: number;
  cutoffDate: string;
  submissionDeadline: string;
}

/**
 * The cortes an import records: a cut named by a file's Mes y Año is created
 * once per institution and month (a cut already there is left as it is), in
 * the importer's transaction (`db`).
 */
@Injectable()
export class CorteImportRepository {
  /** Inserts the cuts not yet recorded; returns how many were new. */
  insertMissing(db: Db, cuts: HistoricalCorte[]): Promise<number> {
    return insertMissing(
      db,
      'cortes (institution_id uuid, year int, month int, cutoff_date date, submission_deadline date)',
      'institution_id, year, month',
      cuts,
      (c) => [c.institutionId, c.year, c.month, c.cutoffDate, c.submissionDeadline],
    );
  }

  /** The ids of these cuts, keyed 'institutionId|year-month'. */
  ids(db: Db, cuts: { institutionId: string; year: number; month: number }[]): Promise<{ key: string; id: string }[]> {
    return select<{ key: string; id: string }>(
      db,
      `SELECT institution_id || '|' || year || '-' || month AS key, id FROM cortes
        WHERE (institution_id, year, month) IN (SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]))`,
      [cuts.map((c) => c.institutionId), cuts.map((c) => c.year), cuts.map((c) => c.month)],
    );
  }
}
