import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { Db, execute, select, selectOne } from '../../database/sql';
import type { InstitutionRow, RamoRow } from './catalog.rows';

const INSTITUTION_COLUMNS = `i.id, i.acronym, i.name, i.is_default AS "isDefault", i.time_zone AS "timeZone", i.version,
  i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

/** Institutions (dependencias y entidades) and the ramos they belong to. */
@Injectable()
export class InstitutionsRepository {
  constructor(private readonly ds: DataSource) {}

  listRamos(): Promise<RamoRow[]> {
    return select<RamoRow>(this.ds, `SELECT code, name FROM ramos ORDER BY code`);
  }

  async ramoExists(db: Db, code: string): Promise<boolean> {
    return (await execute(db, `SELECT 1 FROM ramos WHERE code = $1`, [code])).rows.length > 0;
  }

  async insertRamo(db: Db, ramo: RamoRow): Promise<void> {
    await execute(db, `INSERT INTO ramos (code, name) VALUES ($1, $2)`, [ramo.code, ramo.name]);
  }

  /** A page of institutions whose name or acronym matches `like` (null: any), limited to one (null: every one), by acronym. */
  async page(
    filter: { like: string | null; institutionId: string | null },
    limit: number,
    offset: number,
  ): Promise<{ items: InstitutionRow[]; total: number }> {
    const where = `($1::text IS NULL OR i.name ILIKE $1 OR i.acronym ILIKE $1) AND ($2::uuid IS NULL OR i.id = $2)`;
    const params = [filter.like, filter.institutionId];
    const [items, [{ total }]] = await Promise.all([
      select<InstitutionRow>(this.ds, `SELECT ${INSTITUTION_COLUMNS} FROM institutions i WHERE ${where} ORDER BY i.acronym LIMIT $3 OFFSET $4`, [
        ...params,
        limit,
        offset,
      ]),
      select<{ total: number }>(this.ds, `SELECT count(*)::int AS total FROM institutions i WHERE ${where}`, params),
    ]);
    return { items, total };
  }

  find(id: string): Promise<InstitutionRow | undefined> {
    return selectOne<InstitutionRow>(this.ds, `SELECT ${INSTITUTION_COLUMNS} FROM institutions i WHERE i.id = $1`, [id]);
  }

  findDefault(): Promise<InstitutionRow | undefined> {
    return selectOne<InstitutionRow>(this.ds, `SELECT ${INSTITUTION_COLUMNS} FROM institutions i WHERE i.is_default`);
  }

  async acronymTaken(db: Db, acronym: string, exceptId: string | null): Promise<boolean> {
    return (await execute(db, `SELECT 1 FROM institutions WHERE acronym = $1 AND id IS DISTINCT FROM $2`, [acronym, exceptId])).rows.length > 0;
  }

  async insert(db: Db, institution: { acronym: string; name: string }): Promise<string> {
    const [row] = await select<{ id: string }>(db, `INSERT INTO institutions (acronym, name) VALUES ($1, $2) RETURNING id`, [
      institution.acronym,
      institution.name,
    ]);
    return row.id;
  }

  /** Locks the institution for an update; its version, or undefined when it does not exist. */
  async lockVersion(db: Db, id: string): Promise<number | undefined> {
    return (await selectOne<{ version: number }>(db, `SELECT version FROM institutions WHERE id = $1 FOR UPDATE`, [id]))?.version;
  }

  /** Sets the fields given (undefined: unchanged) and bumps the version. */
  async update(db: Db, id: string, patch: { acronym?: string; name?: string }): Promise<void> {
    const sets = new SetList().add('acronym', patch.acronym).add('name', patch.name);
    await execute(db, `UPDATE institutions SET ${sets.clauses(2)} WHERE id = $1`, [id, ...sets.values]);
  }
}
