import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { UnitOfWork } from '../../database/unit-of-work';
import type { CycleRow as Cycle } from './catalog.rows';
import { orNotFound } from './catalog-records';
import { CatalogErrorCode, duplicateCycle } from './catalog.errors';
import { CyclesRepository } from './cycles.repository';
import { CreateCycleDto } from './dto/catalog.dto';

@Injectable()
export class CyclesService {
  constructor(
    private readonly cycles: CyclesRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** Newest first, as the official report orders its sections. */
  list(): Promise<Cycle[]> {
    return this.cycles.list();
  }

  async get(id: string): Promise<Cycle> {
    return orNotFound(await this.cycles.find(id), CatalogErrorCode.CycleNotFound, id);
  }

  async create(dto: CreateCycleDto): Promise<Cycle> {
    const [a, b] = dto.label.split('-').map(Number);
    if (b !== a + 1 || a < 2000 || a > 2100) {
      throw new ValidationFailedError([{ field: 'label', message: 'El periodo debe ser de dos años consecutivos entre 2000 y 2101, por ejemplo 2021-2022.' }]);
    }
    const id = await this.uow.run(async (em) => {
      if (await this.cycles.labelTaken(em, dto.label)) throw duplicateCycle(dto.label);
      return this.cycles.insert(em, { label: dto.label, startYear: a });
    });
    return this.get(id);
  }
}
