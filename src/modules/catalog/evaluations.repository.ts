import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { Db, execute, select, selectOne, selectPage } from '../../database/sql';

/** An evaluation with its programs and its recommendations, as the API returns it. */
export interface EvaluationRow {
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

export interface EvaluationFields {
  title: string;
  evaluationType: string;
  paeYear: number | null;
  evaluator: string | null;
  coordinatingInstance: string;
}

const EVALUATION_COLUMNS = `e.id, e.version, e.external_id AS "externalId", e.title, e.evaluation_type AS "evaluationType",
              e.pae_year AS "paeYear", e.evaluator, e.coordinating_instance AS "coordinatingInstance",
              e.report_file_id AS "reportFileId", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
              COALESCE((SELECT array_agg(ep.program_id ORDER BY ep.program_id) FROM evaluation_programs ep WHERE ep.evaluation_id = e.id), '{}') AS "programIds",
              COALESCE((SELECT json_agg(json_build_object('id', r.id, 'version', r.version, 'number', r.number, 'text', r.text) ORDER BY r.number)
                          FROM recommendations r WHERE r.evaluation_id = e.id), '[]') AS recommendations`;

/** Evaluations, the programs each evaluated and their recommendations. */
@Injectable()
export class EvaluationsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A page of evaluations whose title or type matches `like` (null: any), visible to an institution
   * (`institutionId`, null: every one; an evaluation of no program is everyone's), newest PAE first.
   */
  page(filter: { like: string | null; institutionId: string | null }, limit: number, offset: number): Promise<{ items: EvaluationRow[]; total: number }> {
    return selectPage<EvaluationRow>(
      this.ds,
      `SELECT ${EVALUATION_COLUMNS}, count(*) OVER () AS total
         FROM evaluations e
        WHERE ($1::text IS NULL OR e.title ILIKE $1 OR e.evaluation_type ILIKE $1)
          AND ($4::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM evaluation_programs ep WHERE ep.evaluation_id = e.id)
               OR EXISTS (SELECT 1 FROM evaluation_programs ep JOIN programs ip ON ip.id = ep.program_id WHERE ep.evaluation_id = e.id AND ip.institution_id = $4))
        ORDER BY e.pae_year DESC NULLS LAST, e.title LIMIT $2 OFFSET $3`,
      [filter.like, limit, offset, filter.institutionId],
    );
  }

  find(id: string): Promise<EvaluationRow | undefined> {
    return selectOne<EvaluationRow>(this.ds, `SELECT ${EVALUATION_COLUMNS} FROM evaluations e WHERE e.id = $1`, [id]);
  }

  async externalIdTaken(db: Db, externalId: string): Promise<boolean> {
    return (await execute(db, `SELECT 1 FROM evaluations WHERE external_id = $1`, [externalId])).rows.length > 0;
  }

  async insert(db: Db, evaluation: EvaluationFields & { externalId: string | null }): Promise<string> {
    const [row] = await select<{ id: string }>(
      db,
      `INSERT INTO evaluations (external_id, title, evaluation_type, pae_year, evaluator, coordinating_instance)
       VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [evaluation.externalId, evaluation.title, evaluation.evaluationType, evaluation.paeYear, evaluation.evaluator, evaluation.coordinatingInstance],
    );
    return row.id;
  }

  /** Locks the evaluation; whether it exists. */
  async lock(db: Db, id: string): Promise<boolean> {
    return (await execute(db, `SELECT 1 FROM evaluations WHERE id = $1 FOR UPDATE`, [id])).rows.length > 0;
  }

  /** Locks the evaluation for an update; its version, or undefined when it does not exist. */
  async lockVersion(db: Db, id: string): Promise<number | undefined> {
    return (await selectOne<{ version: number }>(db, `SELECT version FROM evaluations WHERE id = $1 FOR UPDATE`, [id]))?.version;
  }

  /** Sets the fields given (undefined: unchanged) and bumps the version. */
  async update(db: Db, id: string, patch: Partial<EvaluationFields>): Promise<void> {
    const sets = new SetList()
      .add('title', patch.title)
      .add('evaluation_type', patch.evaluationType)
      .add('pae_year', patch.paeYear)
      .add('evaluator', patch.evaluator)
      .add('coordinating_instance', patch.coordinatingInstance);
    await execute(db, `UPDATE evaluations SET ${sets.clauses(2)} WHERE id = $1`, [id, ...sets.values]);
  }

  /** The evaluation's programs become exactly `programIds`. */
  async setPrograms(db: Db, evaluationId: string, programIds: string[]): Promise<void> {
    await execute(db, `DELETE FROM evaluation_programs WHERE evaluation_id = $1`, [evaluationId]);
    await execute(db, `INSERT INTO evaluation_programs (evaluation_id, program_id) SELECT $1, unnest($2::uuid[])`, [evaluationId, programIds]);
  }

  async recommendationNumberTaken(db: Db, evaluationId: string, n: number): Promise<boolean> {
    return (await execute(db, `SELECT 1 FROM recommendations WHERE evaluation_id = $1 AND number = $2`, [evaluationId, n])).rows.length > 0;
  }

  async insertRecommendation(db: Db, evaluationId: string, recommendation: { number: number; text: string }): Promise<void> {
    await execute(db, `INSERT INTO recommendations (evaluation_id, number, text) VALUES ($1,$2,$3)`, [
      evaluationId,
      recommendation.number,
      recommendation.text,
    ]);
  }

  /** Locks the recommendation for an update; its version and evaluation, or undefined when it does not exist. */
  lockRecommendation(db: Db, id: string): Promise<{ version: number; evaluationId: string } | undefined> {
    return selectOne<{ version: number; evaluationId: string }>(
      db,
      `SELECT version, evaluation_id AS "evaluationId" FROM recommendations WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  async updateRecommendation(db: Db, id: string, patch: { text?: string }): Promise<void> {
    const sets = new SetList().add('text', patch.text);
    await execute(db, `UPDATE recommendations SET ${sets.clauses(2)} WHERE id = $1`, [id, ...sets.values]);
  }
}
