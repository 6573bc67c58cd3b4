import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertVersion } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import type { InstitutionRow as Institution, RamoRow as Ramo } from './catalog.rows';
import { CATALOG_LABEL, CatalogErrorCode, CatalogNotFoundError, duplicateInstitution, duplicateRamo } from './catalog.errors';
import { CreateInstitutionDto, CreateRamoDto, SearchQuery, UpdateInstitutionDto } from './dto/catalog.dto';
import { InstitutionsRepository } from './institutions.repository';

/** Ramos and institutions (dependencias y entidades). */
@Injectable()
export class InstitutionsService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  listRamos(): Promise<Ramo[]> {
    return this.institutions.listRamos();
  }

  async createRamo(dto: CreateRamoDto): Promise<Ramo> {
    const code = dto.code.padStart(2, '0');
    return this.uow.run(async (em) => {
      if (await this.institutions.ramoExists(em, code)) throw duplicateRamo(code);
      await this.institutions.insertRamo(em, { code, name: dto.name });
      return { code, name: dto.name };
    });
  }

  /** `institutionId`: the caller's institution scope (null: every institution). */
  async list(q: SearchQuery, institutionId: string | null): Promise<Page<Institution>> {
    const { page, pageSize, offset } = pageBounds(q);
    const { items, total } = await this.institutions.page({ like: q.q ? `%${q.q}%` : null, institutionId }, pageSize, offset);
    return { items, page, pageSize, total };
  }

  async get(id: string): Promise<Institution> {
    const found = await this.institutions.find(id);
    if (!found) throw new CatalogNotFoundError(CatalogErrorCode.InstitutionNotFound, id);
    return found;
  }

  /** The deployment's default institution (created by the migration when there was none). */
  async defaultInstitution(): Promise<Institution> {
    const found = await this.institutions.findDefault();
    if (!found) throw new CatalogNotFoundError(CatalogErrorCode.InstitutionNotFound, 'predeterminada');
    return found;
  }

  async create(dto: CreateInstitutionDto): Promise<Institution> {
    const id = await this.uow.run(async (em) => {
      await this.assertAcronymFree(em, dto.acronym);
      return this.institutions.insert(em, { acronym: dto.acronym, name: dto.name });
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateInstitutionDto): Promise<Institution> {
    await this.uow.run(async (em) => {
      if (dto.acronym !== undefined) await this.assertAcronymFree(em, dto.acronym, id);
      const code = CatalogErrorCode.InstitutionNotFound;
      assertVersion(await this.institutions.lockVersion(em, id), dto.version, CATALOG_LABEL[code], code, id);
      await this.institutions.update(em, id, { acronym: dto.acronym, name: dto.name });
    });
    return this.get(id);
  }

  private async assertAcronymFree(em: EntityManager, acronym: string, exceptId?: string): Promise<void> {
    if (await this.institutions.acronymTaken(em, acronym, exceptId ?? null)) throw duplicateInstitution(acronym);
  }
}
