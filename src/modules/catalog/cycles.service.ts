import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DuplicateError, NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import { select, selectOne } from '../../database/sql';
import { UnitOfWork } from '../../database/unit-of-work';
import type { CycleRow as Cycle } from './catalog.rows';
import { CreateCycleDto } from './dto/catalog.dto';

const CYCLE_COLUMNS = `id, label, start_year AS "startYear", created_at AS "createdAt"`;

@Injectable()
export class CyclesService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** Newest first, as the official report orders its sections. */
  list(): Promise<Cycle[]> {
    return select<Cycle>(this.ds, `SELECT ${CYCLE_COLUMNS} FROM cycles ORDER BY start_year DESC`);
  }

  async get(id: string): Promise<Cycle> {
    const found = await selectOne<Cycle>(this.ds, `SELECT ${CYCLE_COLUMNS} FROM cycles WHERE id = $1`, [id]);
    if (!found) throw new NotFoundError('el ciclo', 'CYCLE_NOT_FOUND', id);
    return found;
  }

  async create(dto: CreateCycleDto): Promise<Cycle> {
    const [a, b] = dto.label.split('-').map(Number);
    if (b !== a + 1 || a < 2000 || a > 2100) {
      throw new ValidationFailedError([{ field: 'label', message: 'El periodo debe ser de dos años consecutivos entre 2000 y 2101, por ejemplo 2021-2022.' }]);
    }
    const id = await this.uow.run(async (em) => {
      const dup = await em.query(`SELECT 1 FROM cycles WHERE label = $1`, [dto.label]);
      if (dup.length) throw new DuplicateError(`Ya existe el periodo ${dto.label}.`, [{ field: 'label', message: 'Periodo repetido.' }]);
      const [row] = await em.query(`INSERT INTO cycles (label, start_year) VALUES ($1, $2) RETURNING id`, [dto.label, a]);
      return row.id as string;
    });
    return this.get(id);
  }
}
