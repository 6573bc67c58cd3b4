import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { updateVersioned } from '../../common/db/versioned';
import { DuplicateError, NotFoundError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { CreateInstitutionDto, CreateRamoDto, SearchQuery, UpdateInstitutionDto } from './dto/catalog.dto';
import { select, selectOne } from '../../database/sql';
import type { InstitutionRow as Institution, RamoRow as Ramo } from './catalog.rows';

const INSTITUTION = { label: 'la institución', table: 'institutions', notFoundCode: 'INSTITUTION_NOT_FOUND' };

const INSTITUTION_COLUMNS = `i.id, i.acronym, i.name, i.is_default AS "isDefault", i.time_zone AS "timeZone", i.version,
  i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

/** Ramos and institutions (dependencias y entidades). */
@Injectable()
export class InstitutionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  listRamos(): Promise<Ramo[]> {
    return select<Ramo>(this.ds, `SELECT code, name FROM ramos ORDER BY code`);
  }

  async createRamo(dto: CreateRamoDto): Promise<Ramo> {
    const code = dto.code.padStart(2, '0');
    return this.uow.run(async (em) => {
      const exists = await em.query(`SELECT 1 FROM ramos WHERE code = $1`, [code]);
      if (exists.length) throw new DuplicateError(`Ya existe el ramo ${code}; usa el existente.`, [{ field: 'code', message: 'Clave repetida.' }]);
      await em.query(`INSERT INTO ramos (code, name) VALUES ($1, $2)`, [code, dto.name]);
      return { code, name: dto.name };
    });
  }

  /** `institutionId`: the caller's institution scope (null: every institution). */
  async list(q: SearchQuery, institutionId: string | null): Promise<Page<Institution>> {
    const { page, pageSize, offset } = pageBounds(q);
    const where = `($1::text IS NULL OR i.name ILIKE $1 OR i.acronym ILIKE $1) AND ($2::uuid IS NULL OR i.id = $2)`;
    const params = [q.q ? `%${q.q}%` : null, institutionId];
    const [items, [{ total }]] = await Promise.all([
      select<Institution>(this.ds, `SELECT ${INSTITUTION_COLUMNS} FROM institutions i WHERE ${where} ORDER BY i.acronym LIMIT $3 OFFSET $4`, [...params, pageSize, offset]),
      select<{ total: number }>(this.ds, `SELECT count(*)::int AS total FROM institutions i WHERE ${where}`, params),
    ]);
    return { items, page, pageSize, total };
  }

  async get(id: string): Promise<Institution> {
    const found = await selectOne<Institution>(this.ds, `SELECT ${INSTITUTION_COLUMNS} FROM institutions i WHERE i.id = $1`, [id]);
    if (!found) throw new NotFoundError(INSTITUTION.label, INSTITUTION.notFoundCode, id);
    return found;
  }

  /** The deployment's default institution (created by the migration when there was none). */
  async defaultInstitution(): Promise<Institution> {
    const found = await selectOne<Institution>(this.ds, `SELECT ${INSTITUTION_COLUMNS} FROM institutions i WHERE i.is_default`);
    if (!found) throw new NotFoundError(INSTITUTION.label, INSTITUTION.notFoundCode, 'predeterminada');
    return found;
  }

  async create(dto: CreateInstitutionDto): Promise<Institution> {
    const id = await this.uow.run(async (em) => {
      await this.assertAcronymFree(em.query.bind(em), dto.acronym);
      const [row] = await em.query(`INSERT INTO institutions (acronym, name) VALUES ($1, $2) RETURNING id`, [dto.acronym, dto.name]);
      return row.id as string;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateInstitutionDto): Promise<Institution> {
    await this.uow.run(async (em) => {
      if (dto.acronym !== undefined) await this.assertAcronymFree(em.query.bind(em), dto.acronym, id);
      await updateVersioned(em, INSTITUTION, id, dto.version, new SetList().add('acronym', dto.acronym).add('name', dto.name));
    });
    return this.get(id);
  }

  private async assertAcronymFree(query: (sql: string, p: unknown[]) => Promise<unknown[]>, acronym: string, exceptId?: string): Promise<void> {
    const rows = await query(`SELECT 1 FROM institutions WHERE acronym = $1 AND id IS DISTINCT FROM $2`, [acronym, exceptId ?? null]);
    if (rows.length) throw new DuplicateError(`Ya existe una institución con las siglas ${acronym}.`, [{ field: 'acronym', message: 'Siglas repetidas.' }]);
  }
}
