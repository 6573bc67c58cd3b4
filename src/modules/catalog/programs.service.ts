import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { SetList } from '../../common/db/set-list';
import { updateVersioned } from '../../common/db/versioned';
import { DuplicateError, NotFoundError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { CreateProgramDto, ListProgramsQuery, UpdateProgramDto } from './dto/catalog.dto';
import { programKey } from './catalog.types';
import { ReferenceCheck } from './reference-checker';

const PROGRAM = { label: 'el programa', table: 'programs', notFoundCode: 'PROGRAM_NOT_FOUND' };
/** A name created with the program, without a date, has been in force "since always". */
const SINCE_ALWAYS = '1900-01-01';

export interface ProgramView {
  id: string;
  version: number;
  institutionId: string;
  ramoCode: string;
  modality: string;
  code: string;
  key: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

@Injectable()
export class ProgramsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  private async query(where: string, params: unknown[], tail = ''): Promise<(ProgramView & { total?: number })[]> {
    const rows: (ProgramView & { total?: number })[] = await this.ds.query(
      `SELECT p.id, p.version, p.institution_id AS "institutionId", p.ramo_code AS "ramoCode", p.modality, p.code, p.name,
              p.created_at AS "createdAt", p.updated_at AS "updatedAt", count(*) OVER () AS total
         FROM programs p WHERE ${where} ${tail}`,
      params,
    );
    return rows.map((r) => ({ ...r, key: programKey(r) }));
  }

  /** `institutionId`: the caller's institution scope (null: every institution). */
  async list(q: ListProgramsQuery, institutionId: string | null): Promise<Page<ProgramView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const rows = await this.query(
      `($1::uuid IS NULL OR p.institution_id = $1) AND ($2::text IS NULL OR p.name ILIKE $2 OR concat_ws('-', NULLIF(p.modality, ''), p.code) ILIKE $2)
       AND ($5::uuid IS NULL OR p.institution_id = $5)`,
      [q.institutionId ?? null, q.q ? `%${q.q}%` : null, pageSize, offset, institutionId],
      `ORDER BY p.modality, p.code, p.ramo_code LIMIT $3 OFFSET $4`,
    );
    const total = rows[0]?.total ?? 0;
    return { items: rows.map(({ total: _t, ...r }) => r), page, pageSize, total: Number(total) };
  }

  async get(id: string): Promise<ProgramView> {
    const [row] = await this.query('p.id = $1', [id]);
    if (!row) throw new NotFoundError(PROGRAM.label, PROGRAM.notFoundCode, id);
    const { total: _t, ...view } = row;
    return view;
  }

  async names(id: string): Promise<{ name: string; validFrom: string }[]> {
    await this.get(id);
    return this.ds.query(`SELECT name, valid_from AS "validFrom" FROM program_names WHERE program_id = $1 ORDER BY valid_from`, [id]);
  }

  async create(dto: CreateProgramDto): Promise<ProgramView> {
    const ramo = dto.ramoCode.padStart(2, '0');
    const id = await this.uow.run(async (em) => {
      await new ReferenceCheck(em).need('institutionId', 'institutions', dto.institutionId).verify();
      const ramoRow = await em.query(`SELECT 1 FROM ramos WHERE code = $1`, [ramo]);
      if (!ramoRow.length) {
        throw new NotFoundError('el ramo', 'RAMO_NOT_FOUND', ramo);
      }
      const dup = await em.query(`SELECT 1 FROM programs WHERE ramo_code = $1 AND modality = $2 AND code = $3`, [ramo, dto.modality, dto.code]);
      if (dup.length) {
        throw new DuplicateError(`Ya existe el programa ${dto.modality}-${dto.code} en el ramo ${ramo}; usa el existente.`, [
          { field: 'code', message: 'Programa repetido (ramo, modalidad y clave).' },
        ]);
      }
      const [row] = await em.query(
        `INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
        [dto.institutionId, ramo, dto.modality, dto.code, dto.name],
      );
      await this.recordName(em, row.id, dto.name, dto.nameValidFrom ?? SINCE_ALWAYS);
      return row.id as string;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateProgramDto): Promise<ProgramView> {
    await this.uow.run(async (em) => {
      await new ReferenceCheck(em).need('institutionId', 'institutions', dto.institutionId).verify();
      await updateVersioned(em, PROGRAM, id, dto.version, new SetList().add('institution_id', dto.institutionId).add('name', dto.name));
      if (dto.name !== undefined) await this.recordName(em, id, dto.name, dto.nameValidFrom ?? this.clock.today());
    });
    return this.get(id);
  }

  private async recordName(em: EntityManager, programId: string, name: string, validFrom: string): Promise<void> {
    await em.query(
      `INSERT INTO program_names (program_id, name, valid_from) VALUES ($1, $2, $3)
       ON CONFLICT (program_id, valid_from) DO UPDATE SET name = EXCLUDED.name`,
      [programId, name, validFrom],
    );
  }
}
