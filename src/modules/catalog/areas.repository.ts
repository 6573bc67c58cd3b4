import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { Db, execute, select, selectOne } from '../../database/sql';
import type { AreaRow } from './catalog.rows';

const AREA_COLUMNS = `a.id, a.name, a.acronym, a.parent_id AS "parentId", a.active, a.version, a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

export interface AreaPatch {
  name?: string;
  nameKey?: string;
  acronym?: string | null;
  parentId?: string | null;
  active?: boolean;
}

/** Unidades administrativas. */
@Injectable()
export class AreasRepository {
  constructor(private readonly ds: DataSource) {}

  /** A page of areas whose folded name contains `nameLike` (null: any), of one institution (null: every one), by name. */
  async page(filter: { nameLike: string | null; institutionId: string | null }, limit: number, offset: number): Promise<{ items: AreaRow[]; total: number }> {
    const where = `($1::text IS NULL OR a.name_key LIKE $1) AND ($2::uuid IS NULL OR a.institution_id = $2)`;
    const params = [filter.nameLike, filter.institutionId];
    const [items, [{ total }]] = await Promise.all([
      select<AreaRow>(this.ds, `SELECT ${AREA_COLUMNS} FROM areas a WHERE ${where} ORDER BY a.name LIMIT $3 OFFSET $4`, [...params, limit, offset]),
      select<{ total: number }>(this.ds, `SELECT count(*)::int AS total FROM areas a WHERE ${where}`, params),
    ]);
    return { items, total };
  }

  find(id: string): Promise<AreaRow | undefined> {
    return selectOne<AreaRow>(this.ds, `SELECT ${AREA_COLUMNS} FROM areas a WHERE a.id = $1`, [id]);
  }

  /** The name of another area with the same name key, if there is one. */
  async nameOfSameKey(db: Db, key: string, exceptId: string | null): Promise<string | undefined> {
    return (await selectOne<{ name: string }>(db, `SELECT name FROM areas WHERE name_key = $1 AND id IS DISTINCT FROM $2`, [key, exceptId]))?.name;
  }

  /** `institutionId` null: the default institution. */
  async insert(
    db: Db,
    area: { name: string; nameKey: string; acronym: string | null; parentId: string | null; institutionId: string | null },
  ): Promise<string> {
    const [row] = await select<{ id: string }>(
      db,
      `INSERT INTO areas (name, name_key, acronym, parent_id, institution_id) VALUES ($1, $2, $3, $4, COALESCE($5::uuid, default_institution_id())) RETURNING id`,
      [area.name, area.nameKey, area.acronym, area.parentId, area.institutionId],
    );
    return row.id;
  }

  /** Locks the area for an update; its version, or undefined when it does not exist. */
  async lockVersion(db: Db, id: string): Promise<number | undefined> {
    return (await selectOne<{ version: number }>(db, `SELECT version FROM areas WHERE id = $1 FOR UPDATE`, [id]))?.version;
  }

  /** Sets the fields given (undefined: unchanged) and bumps the version. */
  async update(db: Db, id: string, patch: AreaPatch): Promise<void> {
    const sets = new SetList()
      .add('name', patch.name)
      .add('name_key', patch.nameKey)
      .add('acronym', patch.acronym)
      .add('parent_id', patch.parentId)
      .add('active', patch.active);
    await execute(db, `UPDATE areas SET ${sets.clauses(2)} WHERE id = $1`, [id, ...sets.values]);
  }
}
