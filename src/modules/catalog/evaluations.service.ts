import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { updateVersioned } from '../../common/db/versioned';
import { DuplicateError, NotFoundError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { CreateEvaluationDto, RecommendationInput, SearchQuery, UpdateEvaluationDto, UpdateRecommendationDto } from './dto/catalog.dto';
import { ReferenceCheck } from './reference-checker';

const EVALUATION = { label: 'la evaluación', table: 'evaluations', notFoundCode: 'EVALUATION_NOT_FOUND' };
const RECOMMENDATION = { label: 'la recomendación', table: 'recommendations', notFoundCode: 'RECOMMENDATION_NOT_FOUND' };

export interface EvaluationView {
  id: string;
  version: number;
  externalId: string | null;
  title: string;
  evaluationType: string;
  paeYear: number | null;
  evaluator: string | null;
  coordinatingInstance: string;
  reportFileId: string | null;
  programIds: string[];
  recommendations: { id: string; version: number; number: number; text: string }[];
  createdAt: Date;
  updatedAt: Date;
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  private async views(where: string, params: unknown[], tail = ''): Promise<(EvaluationView & { total: number })[]> {
    return this.ds.query(
      `SELECT e.id, e.version, e.external_id AS "externalId", e.title, e.evaluation_type AS "evaluationType",
              e.pae_year AS "paeYear", e.evaluator, e.coordinating_instance AS "coordinatingInstance",
              e.report_file_id AS "reportFileId", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
              COALESCE((SELECT array_agg(ep.program_id ORDER BY ep.program_id) FROM evaluation_programs ep WHERE ep.evaluation_id = e.id), '{}') AS "programIds",
              COALESCE((SELECT json_agg(json_build_object('id', r.id, 'version', r.version, 'number', r.number, 'text', r.text) ORDER BY r.number)
                          FROM recommendations r WHERE r.evaluation_id = e.id), '[]') AS recommendations,
              count(*) OVER () AS total
         FROM evaluations e WHERE ${where} ${tail}`,
      params,
    );
  }

  /** `institutionId`: the caller's institution scope (null: every one); an evaluation of no program is everyone's. */
  async list(q: SearchQuery & { programId?: string }, institutionId: string | null): Promise<Page<EvaluationView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const rows = await this.views(
      `($1::text IS NULL OR e.title ILIKE $1 OR e.evaluation_type ILIKE $1)
       AND ($4::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM evaluation_programs ep WHERE ep.evaluation_id = e.id)
            OR EXISTS (SELECT 1 FROM evaluation_programs ep JOIN programs ip ON ip.id = ep.program_id WHERE ep.evaluation_id = e.id AND ip.institution_id = $4))`,
      [q.q ? `%${q.q}%` : null, pageSize, offset, institutionId],
      `ORDER BY e.pae_year DESC NULLS LAST, e.title LIMIT $2 OFFSET $3`,
    );
    return { items: rows.map(({ total: _t, ...r }) => r), page, pageSize, total: Number(rows[0]?.total ?? 0) };
  }

  async get(id: string): Promise<EvaluationView> {
    const [row] = await this.views('e.id = $1', [id]);
    if (!row) throw new NotFoundError(EVALUATION.label, EVALUATION.notFoundCode, id);
    const { total: _t, ...view } = row;
    return view;
  }

  async create(dto: CreateEvaluationDto): Promise<EvaluationView> {
    const id = await this.uow.run(async (em) => {
      await new ReferenceCheck(em).needAll('programIds', 'programs', dto.programIds).verify();
      if (dto.externalId) {
        const dup = await em.query(`SELECT 1 FROM evaluations WHERE external_id = $1`, [dto.externalId]);
        if (dup.length) throw new DuplicateError(`Ya existe la evaluación ${dto.externalId}.`, [{ field: 'externalId', message: 'Identificador repetido.' }]);
      }
      this.assertDistinctNumbers(dto.recommendations ?? []);
      const [row] = await em.query(
        `INSERT INTO evaluations (external_id, title, evaluation_type, pae_year, evaluator, coordinating_instance)
         VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
        [dto.externalId ?? null, dto.title, dto.evaluationType, dto.paeYear ?? null, dto.evaluator ?? null, dto.coordinatingInstance],
      );
      await this.setPrograms(em, row.id, dto.programIds);
      for (const r of dto.recommendations ?? []) {
        await em.query(`INSERT INTO recommendations (evaluation_id, number, text) VALUES ($1,$2,$3)`, [row.id, r.number, r.text]);
      }
      return row.id as string;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateEvaluationDto): Promise<EvaluationView> {
    await this.uow.run(async (em) => {
      await new ReferenceCheck(em).needAll('programIds', 'programs', dto.programIds).verify();
      const sets = new SetList()
        .add('title', dto.title)
        .add('evaluation_type', dto.evaluationType)
        .add('pae_year', dto.paeYear)
        .add('evaluator', dto.evaluator)
        .add('coordinating_instance', dto.coordinatingInstance);
      await updateVersioned(em, EVALUATION, id, dto.version, sets);
      if (dto.programIds) await this.setPrograms(em, id, dto.programIds);
    });
    return this.get(id);
  }

  async addRecommendation(evaluationId: string, dto: RecommendationInput): Promise<EvaluationView> {
    await this.uow.run(async (em) => {
      const ev = await em.query(`SELECT 1 FROM evaluations WHERE id = $1 FOR UPDATE`, [evaluationId]);
      if (!ev.length) throw new NotFoundError(EVALUATION.label, EVALUATION.notFoundCode, evaluationId);
      const dup = await em.query(`SELECT 1 FROM recommendations WHERE evaluation_id = $1 AND number = $2`, [evaluationId, dto.number]);
      if (dup.length) throw new DuplicateError(`La evaluación ya tiene la recomendación ${dto.number}.`, [{ field: 'number', message: 'Número repetido.' }]);
      await em.query(`INSERT INTO recommendations (evaluation_id, number, text) VALUES ($1,$2,$3)`, [evaluationId, dto.number, dto.text]);
    });
    return this.get(evaluationId);
  }

  async updateRecommendation(id: string, dto: UpdateRecommendationDto): Promise<EvaluationView> {
    const evaluationId = await this.uow.run(async (em) => {
      await updateVersioned(em, RECOMMENDATION, id, dto.version, new SetList().add('text', dto.text));
      const [row] = await em.query(`SELECT evaluation_id AS "evaluationId" FROM recommendations WHERE id = $1`, [id]);
      return row.evaluationId as string;
    });
    return this.get(evaluationId);
  }

  private assertDistinctNumbers(recs: RecommendationInput[]): void {
    const seen = new Set<number>();
    for (const [i, r] of recs.entries()) {
      if (seen.has(r.number)) throw new DuplicateError('Hay recomendaciones con el mismo número.', [{ field: `recommendations[${i}].number`, message: 'Número repetido.' }]);
      seen.add(r.number);
    }
  }

  private async setPrograms(em: EntityManager, evaluationId: string, programIds: string[]): Promise<void> {
    await em.query(`DELETE FROM evaluation_programs WHERE evaluation_id = $1`, [evaluationId]);
    await em.query(`INSERT INTO evaluation_programs (evaluation_id, program_id) SELECT $1, unnest($2::uuid[])`, [evaluationId, programIds]);
  }
}
