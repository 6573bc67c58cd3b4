import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, select, selectOne } from '../../database/sql';
import type { CycleRow } from './catalog.rows';

const CYCLE_COLUMNS = `id, label, start_year AS "startYear", created_at AS "createdAt"`;

/** Cycles (periodos) of the mechanism. */
@Injectable()
export class CyclesRepository {
  constructor(private readonly ds: DataSource) {}

  /** Newest first. */
  list(): Promise<CycleRow[]> {
    return select<CycleRow>(this.ds, `SELECT ${CYCLE_COLUMNS} FROM cycles ORDER BY start_year DESC`);
  }

  find(id: string): Promise<CycleRow | undefined> {
    return selectOne<CycleRow>(this.ds, `SELECT ${CYCLE_COLUMNS} FROM cycles WHERE id = $1`, [id]);
  }

  async labelTaken(db: Db, label: string): Promise<boolean> {
    return (await execute(db, `SELECT 1 FROM cycles WHERE label = $1`, [label])).rows.length > 0;
  }

  async insert(db: Db, cycle: { label: string; startYear: number }): Promise<string> {
    const [row] = await select<{ id: string }>(db, `INSERT INTO cycles (label, start_year) VALUES ($1, $2) RETURNING id`, [cycle.label, cycle.startYear]);
    return row.id;
  }
}
