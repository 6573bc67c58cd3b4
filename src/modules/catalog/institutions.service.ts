import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page, paged } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import type { InstitutionRow as Institution, RamoRow as Ramo } from './catalog.rows';
import { assertCatalogVersion, orNotFound } from './catalog-records';
import { CatalogErrorCode, duplicateInstitution, duplicateRamo } from './catalog.errors';
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
  list(q: SearchQuery, institutionId: string | null): Promise<Page<Institution>> {
    return paged(q, (pageSize, offset) => this.institutions.page({ like: q.q ? `%${q.q}%` : null, institutionId }, pageSize, offset));
  }

  async get(id: string): Promise<Institution> {
    return orNotFound(await this.institutions.find(id), CatalogErrorCode.InstitutionNotFound, id);
  }

  /** The deployment's default institution (created by the migration when there was none). */
  async defaultInstitution(): Promise<Institution> {
    return orNotFound(await this.institutions.findDefault(), CatalogErrorCode.InstitutionNotFound, 'predeterminada');
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
      assertCatalogVersion(await this.institutions.lockVersion(em, id), dto.version, CatalogErrorCode.InstitutionNotFound, id);
      await this.institutions.update(em, id, { acronym: dto.acronym, name: dto.name });
    });
    return this.get(id);
  }

  private async assertAcronymFree(em: EntityManager, acronym: string, exceptId?: string): Promise<void> {
    if (await this.institutions.acronymTaken(em, acronym, exceptId ?? null)) throw duplicateInstitution(acronym);
  }
}
