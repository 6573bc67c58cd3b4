import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { updateVersioned } from '../../common/db/versioned';
import { DuplicateError, NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { foldText, nameKey } from '../../common/text';
import { UnitOfWork } from '../../database/unit-of-work';
import { Area } from './area.entity';
import { CreateAreaDto, SearchQuery, UpdateAreaDto } from './dto/catalog.dto';
import { ReferenceCheck } from './reference-checker';

const AREA = { label: 'el área', table: 'areas', notFoundCode: 'AREA_NOT_FOUND' };

export type AreaView = Omit<Area, 'nameKey'>;

function view(a: Area): AreaView {
  const { nameKey: _k, ...rest } = a;
  return rest;
}

@Injectable()
export class AreasService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** `institutionId`: the caller's institution scope (null: every institution). */
  async list(q: SearchQuery, institutionId: string | null): Promise<Page<AreaView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const qb = this.ds.getRepository(Area).createQueryBuilder('a').orderBy('a.name').take(pageSize).skip(offset);
    if (q.q) qb.where('a.name_key LIKE :q', { q: `%${foldText(q.q)}%` });
    if (institutionId) qb.andWhere('a.institution_id = :institutionId', { institutionId });
    const [items, total] = await qb.getManyAndCount();
    return { items: items.map(view), page, pageSize, total };
  }

  async get(id: string): Promise<AreaView> {
    const found = await this.ds.getRepository(Area).findOneBy({ id });
    if (!found) throw new NotFoundError(AREA.label, AREA.notFoundCode, id);
    return view(found);
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
