import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { updateVersioned } from '../../common/db/versioned';
import { DuplicateError, NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { foldText, nameKey } from '../../common/text';
import { UnitOfWork } from '../../database/unit-of-work';
import { select, selectOne } from '../../database/sql';
import type { AreaRow } from './catalog.rows';
import { CreateAreaDto, SearchQuery, UpdateAreaDto } from './dto/catalog.dto';
import { ReferenceCheck } from './reference-checker';

const AREA = { label: 'el área', table: 'areas', notFoundCode: 'AREA_NOT_FOUND' };

export type AreaView = AreaRow;

const AREA_COLUMNS = `a.id, a.name, a.acronym, a.parent_id AS "parentId", a.active, a.version, a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

@Injectable()
export class AreasService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** `institutionId`: the caller's institution scope (null: every institution). */
  async list(q: SearchQuery, institutionId: string | null): Promise<Page<AreaView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const where = `($1::text IS NULL OR a.name_key LIKE $1) AND ($2::uuid IS NULL OR a.institution_id = $2)`;
    const params = [q.q ? `%${foldText(q.q)}%` : null, institutionId];
    const [items, [{ total }]] = await Promise.all([
      select<AreaView>(this.ds, `SELECT ${AREA_COLUMNS} FROM areas a WHERE ${where} ORDER BY a.name LIMIT $3 OFFSET $4`, [...params, pageSize, offset]),
      select<{ total: number }>(this.ds, `SELECT count(*)::int AS total FROM areas a WHERE ${where}`, params),
    ]);
    return { items, page, pageSize, total };
  }

  async get(id: string): Promise<AreaView> {
    const found = await selectOne<AreaView>(this.ds, `SELECT ${AREA_COLUMNS} FROM areas a WHERE a.id = $1`, [id]);
    if (!found) throw new NotFoundError(AREA.label, AREA.notFoundCode, id);
    return found;
  }

  /** The area belongs to the creator's institution (the system's: the default one). */
  async create(dto: CreateAreaDto, institutionId: string | null): Promise<AreaView> {
    const id = await this.uow.run(async (em) => {
      await new ReferenceCheck(em).need('parentId', 'areas', dto.parentId).verify();
      const key = nameKey(dto.name);
      await this.assertNameFree(em, key, dto.name);
      const [row] = await em.query(
        `INSERT INTO areas (name, name_key, acronym, parent_id, institution_id) VALUES ($1, $2, $3, $4, COALESCE($5::uuid, default_institution_id())) RETURNING id`,
        [dto.name, key, dto.acronym ?? null, dto.parentId ?? null, institutionId],
      );
      return row.id as string;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateAreaDto): Promise<AreaView> {
    await this.uow.run(async (em) => {
      await new ReferenceCheck(em).need('parentId', 'areas', dto.parentId).verify();
      if (dto.parentId === id) throw new ValidationFailedError([{ field: 'parentId', message: 'Un área no puede ser su propia área superior.' }]);
      const sets = new SetList().add('acronym', dto.acronym).add('parent_id', dto.parentId).add('active', dto.active);
      if (dto.name !== undefined) {
        const key = nameKey(dto.name);
        await this.assertNameFree(em, key, dto.name, id);
        sets.add('name', dto.name).add('name_key', key);
      }
      await updateVersioned(em, AREA, id, dto.version, sets);
    });
    return this.get(id);
  }

  private async assertNameFree(em: EntityManager, key: string, name: string, exceptId?: string): Promise<void> {
    const rows: { name: string }[] = await em.query(`SELECT name FROM areas WHERE name_key = $1 AND id IS DISTINCT FROM $2`, [key, exceptId ?? null]);
    if (rows.length) {
      throw new DuplicateError(`Ya existe el área «${rows[0].name}», que coincide con «${name}»; usa la existente.`, [
        { field: 'name', message: 'Nombre repetido (se comparan sin acentos, mayúsculas ni punto final).' },
      ]);
    }
  }
}
