import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { Page, paged } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { assertCatalogVersion, orNotFound } from './catalog-records';
import { CatalogErrorCode, CatalogNotFoundError, duplicateProgram } from './catalog.errors';
import { programKey } from './catalog.types';
import { CreateProgramDto, ListProgramsQuery, UpdateProgramDto } from './dto/catalog.dto';
import { InstitutionsRepository } from './institutions.repository';
import { ProgramNameRow, ProgramRow, ProgramsRepository } from './programs.repository';
import { ReferenceCheck } from './reference-checker';

/** A name created with the program, without a date, has been in force "since always". */
const SINCE_ALWAYS = '1900-01-01';

export type ProgramView = ProgramRow & { key: string };

const view = (row: ProgramRow): ProgramView => ({ ...row, key: programKey(row) });

@Injectable()
export class ProgramsService {
  constructor(
    private readonly programs: ProgramsRepository,
    private readonly institutions: InstitutionsRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** `institutionId`: the caller's institution scope (null: every institution). */
  list(q: ListProgramsQuery, institutionId: string | null): Promise<Page<ProgramView>> {
    const filter = { institutionId: q.institutionId ?? null, like: q.q ? `%${q.q}%` : null, scopeId: institutionId };
    return paged(q, async (pageSize, offset) => {
      const { items, total } = await this.programs.page(filter, pageSize, offset);
      return { items: items.map(view), total };
    });
  }

  async get(id: string): Promise<ProgramView> {
    return view(orNotFound(await this.programs.find(id), CatalogErrorCode.ProgramNotFound, id));
  }

  /** The id of the program a printed key names ("S-038"), or undefined. */
  findIdByKey(key: string): Promise<string | undefined> {
    return this.programs.findIdByKey(key.toUpperCase());
  }

  async names(id: string): Promise<ProgramNameRow[]> {
    await this.get(id);
    return this.programs.names(id);
  }

  async create(dto: CreateProgramDto): Promise<ProgramView> {
    const ramo = dto.ramoCode.padStart(2, '0');
    const id = await this.uow.run(async (em) => {
      await new ReferenceCheck(em).need('institutionId', 'institutions', dto.institutionId).verify();
      if (!(await this.institutions.ramoExists(em, ramo))) throw new CatalogNotFoundError(CatalogErrorCode.RamoNotFound, ramo);
      if (await this.programs.existsByKey(em, { ramoCode: ramo, modality: dto.modality, code: dto.code })) throw duplicateProgram(dto.modality, dto.code, ramo);
      const programId = await this.programs.insert(em, {
        institutionId: dto.institutionId,
        ramoCode: ramo,
        modality: dto.modality,
        code: dto.code,
        name: dto.name,
      });
      await this.programs.recordName(em, programId, dto.name, dto.nameValidFrom ?? SINCE_ALWAYS);
      return programId;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateProgramDto): Promise<ProgramView> {
    await this.uow.run(async (em) => {
      await new ReferenceCheck(em).need('institutionId', 'institutions', dto.institutionId).verify();
      assertCatalogVersion(await this.programs.lockVersion(em, id), dto.version, CatalogErrorCode.ProgramNotFound, id);
      await this.programs.update(em, id, { institutionId: dto.institutionId, name: dto.name });
      if (dto.name !== undefined) await this.programs.recordName(em, id, dto.name, dto.nameValidFrom ?? this.clock.today());
    });
    return this.get(id);
  }
}
