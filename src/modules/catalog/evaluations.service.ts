import { Injectable } from '@nestjs/common';
import { Page, paged } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { assertCatalogVersion, orNotFound } from './catalog-records';
import { CatalogErrorCode, CatalogNotFoundError, duplicateEvaluation, duplicateRecommendation, repeatedRecommendationNumbers } from './catalog.errors';
import { CreateEvaluationDto, RecommendationInput, SearchQuery, UpdateEvaluationDto, UpdateRecommendationDto } from './dto/catalog.dto';
import { EvaluationRow, EvaluationsRepository } from './evaluations.repository';
import { ReferenceCheck } from './reference-checker';

export type EvaluationView = EvaluationRow;

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly evaluations: EvaluationsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** `institutionId`: the caller's institution scope (null: every one); an evaluation of no program is everyone's. */
  list(q: SearchQuery & { programId?: string }, institutionId: string | null): Promise<Page<EvaluationView>> {
    return paged(q, (pageSize, offset) => this.evaluations.page({ like: q.q ? `%${q.q}%` : null, institutionId }, pageSize, offset));
  }

  async get(id: string): Promise<EvaluationView> {
    return orNotFound(await this.evaluations.find(id), CatalogErrorCode.EvaluationNotFound, id);
  }

  async create(dto: CreateEvaluationDto): Promise<EvaluationView> {
    const id = await this.uow.run(async (em) => {
      await new ReferenceCheck(em).needAll('programIds', 'programs', dto.programIds).verify();
      if (dto.externalId && (await this.evaluations.externalIdTaken(em, dto.externalId))) throw duplicateEvaluation(dto.externalId);
      this.assertDistinctNumbers(dto.recommendations ?? []);
      const evaluationId = await this.evaluations.insert(em, {
        externalId: dto.externalId ?? null,
        title: dto.title,
        evaluationType: dto.evaluationType,
        paeYear: dto.paeYear ?? null,
        evaluator: dto.evaluator ?? null,
        coordinatingInstance: dto.coordinatingInstance,
      });
      await this.evaluations.setPrograms(em, evaluationId, dto.programIds);
      for (const r of dto.recommendations ?? []) await this.evaluations.insertRecommendation(em, evaluationId, r);
      return evaluationId;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateEvaluationDto): Promise<EvaluationView> {
    await this.uow.run(async (em) => {
      await new ReferenceCheck(em).needAll('programIds', 'programs', dto.programIds).verify();
      assertCatalogVersion(await this.evaluations.lockVersion(em, id), dto.version, CatalogErrorCode.EvaluationNotFound, id);
      await this.evaluations.update(em, id, {
        title: dto.title,
        evaluationType: dto.evaluationType,
        paeYear: dto.paeYear,
        evaluator: dto.evaluator,
        coordinatingInstance: dto.coordinatingInstance,
      });
      if (dto.programIds) await this.evaluations.setPrograms(em, id, dto.programIds);
    });
    return this.get(id);
  }

  async addRecommendation(evaluationId: string, dto: RecommendationInput): Promise<EvaluationView> {
    await this.uow.run(async (em) => {
      if (!(await this.evaluations.lock(em, evaluationId))) throw new CatalogNotFoundError(CatalogErrorCode.EvaluationNotFound, evaluationId);
      if (await this.evaluations.recommendationNumberTaken(em, evaluationId, dto.number)) throw duplicateRecommendation(dto.number);
      await this.evaluations.insertRecommendation(em, evaluationId, dto);
    });
    return this.get(evaluationId);
  }

  async updateRecommendation(id: string, dto: UpdateRecommendationDto): Promise<EvaluationView> {
    const evaluationId = await this.uow.run(async (em) => {
      const code = CatalogErrorCode.RecommendationNotFound;
      const found = orNotFound(await this.evaluations.lockRecommendation(em, id), code, id);
      assertCatalogVersion(found.version, dto.version, code, id);
      await this.evaluations.updateRecommendation(em, id, { text: dto.text });
      return found.evaluationId;
    });
    return this.get(evaluationId);
  }

  private assertDistinctNumbers(recs: RecommendationInput[]): void {
    const seen = new Set<number>();
    for (const [i, r] of recs.entries()) {
      if (seen.has(r.number)) throw repeatedRecommendationNumbers(i);
      seen.add(r.number);
    }
  }
}
