import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { Db, execute, select, selectOne, selectPage } from '../../database/sql';

/** A program as its statements return it (its printed key is computed by the service). */
export interface ProgramRow {
  id: string;
  version: number;
  institutionId: string;
  ramoCode: string;
  modality: string;
  code: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProgramNameRow {
  name: string;
  validFrom: string;
}

const PROGRAM_COLUMNS = `p.id, p.version, p.institution_id AS "institutionId", p.ramo_code AS "ramoCode", p.modality, p.code, p.name,
              p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** Programs (Pp) and the names each has had. */
@Injectable()
export class ProgramsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A page of programs by key: of one institution (`institutionId`, null: any), inside the caller's scope
   * (`scopeId`, null: every institution), whose name or key matches `like` (null: any).
   */
  page(
    filter: { institutionId: string | null; like: string | null; scopeId: string | null },
    limit: number,
    offset: number,
  ): Promise<{ items: ProgramRow[]; total: number }> {
    return selectPage<ProgramRow>(
      this.ds,
      `SELECT ${PROGRAM_COLUMNS}, count(*) OVER () AS total
         FROM programs p
        WHERE ($1::uuid IS NULL OR p.institution_id = $1) AND ($2::text IS NULL OR p.name ILIKE $2 OR concat_ws('-', NULLIF(p.modality, ''), p.code) ILIKE $2)
          AND ($5::uuid IS NULL OR p.institution_id = $5)
        ORDER BY p.modality, p.code, p.ramo_code LIMIT $3 OFFSET $4`,
      [filter.institutionId, filter.like, limit, offset, filter.scopeId],
    );
  }

  find(id: string): Promise<ProgramRow | undefined> {
    return selectOne<ProgramRow>(this.ds, `SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE p.id = $1`, [id]);
  }

  /** The program a printed key names ("S-038", or "S038"); the lowest ramo's when several share it. */
  async findIdByKey(key: string): Promise<string | undefined> {
    const row = await selectOne<{ id: string }>(
      this.ds,
      `SELECT id FROM programs WHERE concat_ws('-', NULLIF(modality, ''), code) = $1 OR modality || code = $1 ORDER BY ramo_code LIMIT 1`,
      [key],
    );
    return row?.id;
  }

  /** Whether the program of that ramo, modality and clave exists. */
  async existsByKey(db: Db, key: { ramoCode: string; modality: string; code: string }): Promise<boolean> {
    const { rows } = await execute(db, `SELECT 1 FROM programs WHERE ramo_code = $1 AND modality = $2 AND code = $3`, [key.ramoCode, key.modality, key.code]);
    return rows.length > 0;
  }

  names(id: string): Promise<ProgramNameRow[]> {
    return select<ProgramNameRow>(this.ds, `SELECT name, valid_from AS "validFrom" FROM program_names WHERE program_id = $1 ORDER BY valid_from`, [id]);
  }

  async insert(db: Db, program: { institutionId: string; ramoCode: string; modality: string; code: string; name: string }): Promise<string> {
    const [row] = await select<{ id: string }>(
      db,
      `INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [program.institutionId, program.ramoCode, program.modality, program.code, program.name],
    );
    return row.id;
  }

  /** Records the name the program has from `validFrom` (replacing the one recorded for that date). */
  async recordName(db: Db, programId: string, name: string, validFrom: string): Promise<void> {
    await execute(
      db,
      `INSERT INTO program_names (program_id, name, valid_from) VALUES ($1, $2, $3)
       ON CONFLICT (program_id, valid_from) DO UPDATE SET name = EXCLUDED.name`,
      [programId, name, validFrom],
    );
  }

  /** Locks the program for an update; its version, or undefined when it does not exist. */
  async lockVersion(db: Db, id: string): Promise<number | undefined> {
    return (await selectOne<{ version: number }>(db, `SELECT version FROM programs WHERE id = $1 FOR UPDATE`, [id]))?.version;
  }

  /** Sets the fields given (undefined: unchanged) and bumps the version. */
  async update(db: Db, id: string, patch: { institutionId?: string; name?: string }): Promise<void> {
    const sets = new SetList().add('institution_id', patch.institutionId).add('name', patch.name);
    await execute(db, `UPDATE programs SET ${sets.clauses(2)} WHERE id = $1`, [id, ...sets.values]);
  }
}
