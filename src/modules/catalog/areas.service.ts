import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { Page, paged } from '../../common/http/pagination';
import { foldText, nameKey } from '../../common/text';
import { UnitOfWork } from '../../database/unit-of-work';
import { AreaPatch, AreasRepository } from './areas.repository';
import type { AreaRow } from './catalog.rows';
import { assertCatalogVersion, orNotFound } from './catalog-records';
import { CatalogErrorCode, duplicateArea } from './catalog.errors';
import { CreateAreaDto, SearchQuery, UpdateAreaDto } from './dto/catalog.dto';
import { ReferenceCheck } from './reference-checker';

export type AreaView = AreaRow;

@Injectable()
export class AreasService {
  constructor(
    private readonly areas: AreasRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** `institutionId`: the caller's institution scope (null: every institution). */
  list(q: SearchQuery, institutionId: string | null): Promise<Page<AreaView>> {
    return paged(q, (pageSize, offset) => this.areas.page({ nameLike: q.q ? `%${foldText(q.q)}%` : null, institutionId }, pageSize, offset));
  }

  async get(id: string): Promise<AreaView> {
    return orNotFound(await this.areas.find(id), CatalogErrorCode.AreaNotFound, id);
  }

  /** The area belongs to the creator's institution (the system's: the default one). */
  async create(dto: CreateAreaDto, institutionId: string | null): Promise<AreaView> {
    const id = await this.uow.run(async (em) => {
      await new ReferenceCheck(em).need('parentId', 'areas', dto.parentId).verify();
      const key = nameKey(dto.name);
      await this.assertNameFree(em, key, dto.name);
      return this.areas.insert(em, { name: dto.name, nameKey: key, acronym: dto.acronym ?? null, parentId: dto.parentId ?? null, institutionId });
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateAreaDto): Promise<AreaView> {
    await this.uow.run(async (em) => {
      await new ReferenceCheck(em).need('parentId', 'areas', dto.parentId).verify();
      if (dto.parentId === id) throw new ValidationFailedError([{ field: 'parentId', message: 'Un área no puede ser su propia área superior.' }]);
      const patch: AreaPatch = { acronym: dto.acronym, parentId: dto.parentId, active: dto.active };
      if (dto.name !== undefined) {
        const key = nameKey(dto.name);
        await this.assertNameFree(em, key, dto.name, id);
        patch.name = dto.name;
        patch.nameKey = key;
      }
      assertCatalogVersion(await this.areas.lockVersion(em, id), dto.version, CatalogErrorCode.AreaNotFound, id);
      await this.areas.update(em, id, patch);
    });
    return this.get(id);
  }

  private async assertNameFree(em: EntityManager, key: string, name: string, exceptId?: string): Promise<void> {
    const existing = await this.areas.nameOfSameKey(em, key, exceptId ?? null);
    if (existing !== undefined) throw duplicateArea(existing, name);
  }
}
