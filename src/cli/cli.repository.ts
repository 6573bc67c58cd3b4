import { Db, select } from '../database/sql';

/** A corte as the command line names and lists it. */
export interface CliCorteRow {
  id: string;
  year: number;
  month: number;
  status: string;
  snapshotRows: number | null;
}

/** Every corte, newest first (the command line's reads; it writes only through the modules' services). */
export function listCortes(db: Db): Promise<CliCorteRow[]> {
  return select<CliCorteRow>(db, `SELECT id, year, month, status, snapshot_rows AS "snapshotRows" FROM cortes ORDER BY year DESC, month DESC`);
}
